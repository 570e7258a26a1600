using System.IO.Pipelines;

namespace Hydra.Keystore.Hosting;

/// <summary>A reader and a writer presented to Kestrel as one connection transport.</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
