using Hydra.Bridge;

await using var bridge = await BridgeNode.StartAsync(args, configure: null, CancellationToken.None);
await bridge.WaitForShutdownAsync(CancellationToken.None);
