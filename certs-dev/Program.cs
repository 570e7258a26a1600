using Hydra.CertsDev.Cli;

return CertsCli.Run(args, Console.Out, Console.Error);
