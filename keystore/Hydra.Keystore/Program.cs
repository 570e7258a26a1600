using Hydra.Keystore;

await using var node = await KeystoreNode.StartAsync(args, configure: null, CancellationToken.None);
await node.WaitForShutdownAsync(CancellationToken.None);
