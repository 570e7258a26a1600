namespace Hydra.Grid.Tls;

/// <summary>
/// Told of every client connection a grid TLS server refuses, so refusals leave a trace (logs, metrics, audit) in one
/// place. Called on the connection's path: an implementation must return at once and must not throw.
/// </summary>
public interface IHandshakeRefusalSink
{
    /// <summary>Records one refusal.</summary>
    void Refused(HandshakeRefusal refusal);
}
