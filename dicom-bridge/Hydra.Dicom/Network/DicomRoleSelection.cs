namespace Hydra.Dicom.Network;

/// <summary>
/// SCP/SCU Role Selection for one SOP class (PS3.7 D.3.3.4): whether the association requestor may act as SCU and
/// as SCP. A C-GET SCU proposes the SCP role for the storage SOP classes it wants to receive.
/// </summary>
public sealed record DicomRoleSelection(string SopClassUid, bool ScuRole, bool ScpRole);
