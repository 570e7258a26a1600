using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Hydra.Cluster.Containers;
using Hydra.Keystore.Contract;

namespace Hydra.Benchmarks.Containers;

/// <summary>
/// Container encryption and decryption of a 1 GiB stream against raw AesGcm over the same 1 MiB segments, in one run.
/// Run: <c>dotnet run -c Release --project tests/Hydra.Benchmarks -- --filter '*ContainerThroughput*'</c>.
/// Each benchmark process prints its peak working set at cleanup ("// peak working set ...").
/// </summary>
[Config(typeof(ContainerBenchmarkConfig))]
public class ContainerThroughputBenchmarks
{
    /// <summary>Plaintext bytes per operation (1 GiB).</summary>
    public const long TotalBytes = 1L << 30;

    private const int SegmentSize = 1 << 20;
    private const int Segments = (int)(TotalBytes / SegmentSize);
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private readonly byte[] _pattern = RandomNumberGenerator.GetBytes(SegmentSize);
    private readonly byte[] _scratch = new byte[SegmentSize];
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[16];
    private AesGcm? _aes;
    private byte[][] _rawSegments = [];
    private byte[][] _rawTags = [];
    private readonly ChunkedMemory _container = new();
    private string? _containerFile;
    private long _workingSetAfterSetup;

    [GlobalSetup(Targets = [nameof(RawAesGcmEncrypt), nameof(ContainerCipherEncryptOneWorker), nameof(ContainerCipherEncryptAllCores), nameof(WriteStreamEncrypt)])]
    public void SetUpEncrypt()
    {
        _aes = new AesGcm(Key, 16);
        SetupDone();
    }

    [GlobalSetup(Target = nameof(RawAesGcmDecrypt))]
    public void SetUpRawDecrypt()
    {
        _aes = new AesGcm(Key, 16);
        _rawSegments = new byte[Segments][];
        _rawTags = new byte[Segments][];
        for (var i = 0; i < Segments; i++)
        {
            _rawSegments[i] = new byte[SegmentSize];
            _rawTags[i] = new byte[16];
            _aes.Encrypt(Nonce(i), _pattern, _rawSegments[i], _rawTags[i]);
        }

        SetupDone();
    }

    [GlobalSetup(Targets = [nameof(ContainerCipherDecryptOneWorker), nameof(ContainerCipherDecryptAllCores), nameof(ReadStreamDecrypt)])]
    public void SetUpContainerDecrypt()
    {
        ContainerCipher.EncryptAsync(Plaintext(), _container, Key, Options(Environment.ProcessorCount), CancellationToken.None).GetAwaiter().GetResult();
        SetupDone();
    }

    [GlobalSetup(Target = nameof(ContainerCipherDecryptFileAllCores))]
    public void SetUpContainerFile()
    {
        _containerFile = Path.Combine(Path.GetTempPath(), $"hydra-bench-{Guid.NewGuid():N}.hyc");
        using (var file = File.Create(_containerFile))
        {
            ContainerCipher.EncryptAsync(Plaintext(), file, Key, Options(Environment.ProcessorCount), CancellationToken.None).GetAwaiter().GetResult();
        }

        SetupDone();
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        using var process = Process.GetCurrentProcess();
        const double MiB = 1 << 20;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// peak working set {process.PeakWorkingSet64 / MiB:F0} MiB; after setup {_workingSetAfterSetup / MiB:F0} MiB; growth while benchmarking <= {(process.PeakWorkingSet64 - _workingSetAfterSetup) / MiB:F0} MiB"));
        _aes?.Dispose();
        if (_containerFile is not null)
        {
            File.Delete(_containerFile);
        }
    }

    [Benchmark(Baseline = true, Description = "raw AesGcm encrypt, 1 MiB segments")]
    [BenchmarkCategory("Encrypt")]
    public void RawAesGcmEncrypt()
    {
        for (var i = 0; i < Segments; i++)
        {
            _aes!.Encrypt(Nonce(i), _pattern, _scratch, _tag);
        }
    }

    [Benchmark(Description = "ContainerCipher.EncryptAsync, 1 worker")]
    [BenchmarkCategory("Encrypt")]
    public Task ContainerCipherEncryptOneWorker() =>
        ContainerCipher.EncryptAsync(Plaintext(), Stream.Null, Key, Options(1), CancellationToken.None);

    [Benchmark(Description = "ContainerCipher.EncryptAsync, all cores")]
    [BenchmarkCategory("Encrypt")]
    public Task ContainerCipherEncryptAllCores() =>
        ContainerCipher.EncryptAsync(Plaintext(), Stream.Null, Key, Options(Environment.ProcessorCount), CancellationToken.None);

    [Benchmark(Description = "ContainerWriteStream (CopyTo)")]
    [BenchmarkCategory("Encrypt")]
    public void WriteStreamEncrypt()
    {
        using var writer = new ContainerWriteStream(Stream.Null, Key, Options(1));
        Plaintext().CopyTo(writer, SegmentSize);
        writer.Complete();
    }

    [Benchmark(Baseline = true, Description = "raw AesGcm decrypt, 1 MiB segments")]
    [BenchmarkCategory("Decrypt")]
    public void RawAesGcmDecrypt()
    {
        for (var i = 0; i < Segments; i++)
        {
            _aes!.Decrypt(Nonce(i), _rawSegments[i], _rawTags[i], _scratch);
        }
    }

    [Benchmark(Description = "ContainerCipher.DecryptAsync, 1 worker")]
    [BenchmarkCategory("Decrypt")]
    public Task ContainerCipherDecryptOneWorker() =>
        ContainerCipher.DecryptAsync(_container.OpenRead(), Stream.Null, Key, 1, CancellationToken.None);

    [Benchmark(Description = "ContainerCipher.DecryptAsync, all cores")]
    [BenchmarkCategory("Decrypt")]
    public Task ContainerCipherDecryptAllCores() =>
        ContainerCipher.DecryptAsync(_container.OpenRead(), Stream.Null, Key, Environment.ProcessorCount, CancellationToken.None);

    [Benchmark(Description = "ContainerReadStream (CopyTo)")]
    [BenchmarkCategory("Decrypt")]
    public void ReadStreamDecrypt()
    {
        using var reader = ContainerReadStream.Open(_container.OpenRead(), Key);
        reader.CopyTo(Stream.Null, SegmentSize);
    }

    [Benchmark(Description = "DecryptAsync from a file, all cores")]
    [BenchmarkCategory("Decrypt")]
    public async Task ContainerCipherDecryptFileAllCores()
    {
        await using var file = new FileStream(_containerFile!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        await ContainerCipher.DecryptAsync(file, Stream.Null, Key, Environment.ProcessorCount, CancellationToken.None);
    }

    private PatternStream Plaintext() => new(_pattern, TotalBytes);

    private static ContainerOptions Options(int parallelism) => new()
    {
        KeyId = KeyId.Parse("bench"),
        SegmentSize = SegmentSize,
        MaxDegreeOfParallelism = parallelism,
    };

    private byte[] Nonce(int index)
    {
        BinaryPrimitives.WriteInt32BigEndian(_nonce.AsSpan(7), index);
        return _nonce;
    }

    private void SetupDone()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        _workingSetAfterSetup = process.WorkingSet64;
    }
}
