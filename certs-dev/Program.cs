using System.CommandLine;

var root = new RootCommand("hydra-certs: a development-only grid PKI for Hydra.");
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
