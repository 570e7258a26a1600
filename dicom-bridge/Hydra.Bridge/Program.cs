using Hydra.Bridge;

// "hydra-bridge migrate [settings]" brings the PostgreSQL catalog's schema up to date and exits; anything else runs the bridge.
if (args is ["migrate", .. var settings])
{
    return await BridgeNode.MigrateOnlyAsync(settings, CancellationToken.None);
}

await using var bridge = await BridgeNode.StartAsync(args, configure: null, CancellationToken.None);
await bridge.WaitForShutdownAsync(CancellationToken.None);
return 0;
