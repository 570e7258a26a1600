namespace Hydra.Dicom.Network;

/// <summary>Where C-MOVE sends to for one AE title: host, port, and whether to use DICOM TLS.</summary>
public sealed record DicomMoveDestination(string Host, int Port, bool UseTls = false);
