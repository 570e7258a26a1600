using System.IO.Pipelines;

namespace Hydra.Hosting;

/// <summary>A reader and a writer presented to Kestrel as one connection transport.</summary>
public sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
