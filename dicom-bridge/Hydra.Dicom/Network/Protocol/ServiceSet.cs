namespace Hydra.Dicom.Network.Protocol;

/// <summary>Which services an acceptor offers, decided by the handlers it was given.</summary>
internal readonly record struct ServiceSet(bool Store, bool Find, bool Get, bool Move);
