using System.CommandLine;

var root = new RootCommand("hydra: split-key storage for medical images on a grid keystore cluster.");
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
