namespace Hydra.Dicom.Network.Protocol;

/// <summary>Where an established association is in its life (the data transfer and release states of PS3.8 9.2).</summary>
internal enum AssociationPhase
{
    /// <summary>Sta6: data transfer.</summary>
    Established,

    /// <summary>The peer asked to release; this side finishes its operations and answers (Sta8).</summary>
    ReleaseRequested,

    /// <summary>This side asked to release and waits for the answer (Sta7; Sta9-Sta12 on collision).</summary>
    AwaitingReleaseResponse,

    /// <summary>This side answered a release and waits for the requestor to close the connection (Sta13).</summary>
    ReleaseResponseSent,

    /// <summary>Released, aborted or lost; the connection is closed.</summary>
    Closed,
}
