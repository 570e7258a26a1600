using Hydra.Bridge.Contract;
using Hydra.Testing.Bridge;

namespace Hydra.Cli.Tests.Commands.Images;

/// <summary>A sample study as sent, and as the bridge catalogued it (pseudonymous UIDs, key ids).</summary>
public sealed record IngestedStudy(SampleStudy Sent, string StudyInstanceUid, IReadOnlyList<ImageSummary> Images);
