using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Hydra.Cluster.Containers;
using Hydra.Keystore.Contract;

namespace Hydra.Benchmarks.Containers;

/// <summary>
/// <c>container-throughput [rounds]</c>: raw AesGcm and the container on a 1 GiB stream, interleaved in one process so
/// each ratio compares runs made seconds apart (robust to other load on a shared machine); then the peak working set
/// of streaming encryption and decryption from a file.
/// </summary>
internal static class ContainerThroughputCommand
{
    private const long TotalBytes = 1L << 30;
    private const int SegmentSize = 1 << 20;
    private const int Segments = (int)(TotalBytes / SegmentSize);
    private const double MiB = 1 << 20;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var key = RandomNumberGenerator.GetBytes(32);
        var pattern = RandomNumberGenerator.GetBytes(SegmentSize);
        var cores = Environment.ProcessorCount;

        var memory = MeasurePeakMemory(key, pattern, cores);
        var cases = BuildCases(key, pattern, cores);
        var seconds = cases.ToDictionary(c => c.Name, _ => new List<double>());
        var ratios = cases.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            var rawSeconds = new Dictionary<string, double>();
            foreach (var benchmark in cases)
            {
                var elapsed = Time(benchmark.Run);
                if (round == 0)
                {
                    continue; // warm-up round: JIT and first-touch of buffers
                }

                seconds[benchmark.Name].Add(elapsed);
                if (benchmark.Baseline is null)
                {
                    rawSeconds[benchmark.Name] = elapsed;
                }

                ratios[benchmark.Name].Add(rawSeconds[benchmark.Baseline ?? benchmark.Name] / elapsed);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"container throughput: 1 GiB per run, {SegmentSize >> 20} MiB segments, {cores} cores, {rounds} interleaved rounds (medians)"));
        Console.WriteLine($"{"case",-44} {"GiB/s",6} {"x raw",6}");
        foreach (var benchmark in cases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{benchmark.Name,-44} {1 / BenchStatistics.Median(seconds[benchmark.Name]),6:F2} {BenchStatistics.Median(ratios[benchmark.Name]),6:F2}"));
        }

        Console.WriteLine(memory);
        return 0;
    }

    private static List<Case> BuildCases(byte[] key, byte[] pattern, int cores)
    {
        using var aes = new AesGcm(key, 16);
        var rawSegments = new byte[Segments][];
        var rawTags = new byte[Segments][];
        for (var i = 0; i < Segments; i++)
        {
            rawSegments[i] = new byte[SegmentSize];
            rawTags[i] = new byte[16];
            aes.Encrypt(Nonce(i), pattern, rawSegments[i], rawTags[i]);
        }

        var container = new ChunkedMemory();
        ContainerCipher.EncryptAsync(new PatternStream(pattern, TotalBytes), container, key, Options(cores), CancellationToken.None).GetAwaiter().GetResult();
        var scratch = new byte[SegmentSize];
        var tag = new byte[16];
        const string RawEncrypt = "raw AesGcm encrypt";
        const string RawDecrypt = "raw AesGcm decrypt";
        return
        [
            new(RawEncrypt, null, () => RawLoop(key, i => (pattern, scratch, tag), encrypt: true)),
            new($"raw AesGcm encrypt, {cores} threads (ceiling)", RawEncrypt, () => RawParallelEncrypt(key, pattern, cores)),
            new("ContainerCipher.EncryptAsync, 1 worker", RawEncrypt, () => Encrypt(key, pattern, 1)),
            new($"ContainerCipher.EncryptAsync, {cores} workers", RawEncrypt, () => Encrypt(key, pattern, cores)),
            new("ContainerWriteStream", RawEncrypt, () => WriteStream(key, pattern)),
            new(RawDecrypt, null, () => RawLoop(key, i => (rawSegments[i], scratch, rawTags[i]), encrypt: false)),
            new("ContainerCipher.DecryptAsync, 1 worker", RawDecrypt, () => Decrypt(key, container.OpenRead(), 1)),
            new($"ContainerCipher.DecryptAsync, {cores} workers", RawDecrypt, () => Decrypt(key, container.OpenRead(), cores)),
            new("ContainerReadStream", RawDecrypt, () => ReadStream(key, container.OpenRead())),
        ];
    }

    private static string MeasurePeakMemory(byte[] key, byte[] pattern, int cores)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hydra-bench-{Guid.NewGuid():N}.hyc");
        try
        {
            using var process = Process.GetCurrentProcess();
            GC.Collect();
            var start = process.WorkingSet64;
            using (var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                ContainerCipher.EncryptAsync(new PatternStream(pattern, TotalBytes), output, key, Options(cores), CancellationToken.None).GetAwaiter().GetResult();
            }

            using (var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
            {
                Decrypt(key, input, cores);
            }

            process.Refresh();
            return string.Create(CultureInfo.InvariantCulture,
                $"peak working set while encrypting 1 GiB to a file and decrypting it back ({cores} workers): {process.PeakWorkingSet64 / MiB:F0} MiB for the whole process, {(process.PeakWorkingSet64 - start) / MiB:F0} MiB above its start");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void RawLoop(byte[] key, Func<int, (byte[] Input, byte[] Output, byte[] Tag)> segment, bool encrypt)
    {
        using var aes = new AesGcm(key, 16);
        for (var i = 0; i < Segments; i++)
        {
            var (input, output, tag) = segment(i);
            if (encrypt)
            {
                aes.Encrypt(Nonce(i), input, output, tag);
            }
            else
            {
                aes.Decrypt(Nonce(i), input, tag, output);
            }
        }
    }

    /// <summary>The machine's ceiling: raw AesGcm on every core at once, each thread on its own segments.</summary>
    private static void RawParallelEncrypt(byte[] key, byte[] pattern, int threads) =>
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            using var aes = new AesGcm(key, 16);
            var output = new byte[SegmentSize];
            var tag = new byte[16];
            for (var i = thread; i < Segments; i += threads)
            {
                aes.Encrypt(Nonce(i), pattern, output, tag);
            }
        });

    private static void Encrypt(byte[] key, byte[] pattern, int workers) =>
        ContainerCipher.EncryptAsync(new PatternStream(pattern, TotalBytes), Stream.Null, key, Options(workers), CancellationToken.None).GetAwaiter().GetResult();

    private static void Decrypt(byte[] key, Stream input, int workers) =>
        ContainerCipher.DecryptAsync(input, Stream.Null, key, workers, CancellationToken.None).GetAwaiter().GetResult();

    private static void WriteStream(byte[] key, byte[] pattern)
    {
        using var writer = new ContainerWriteStream(Stream.Null, key, Options(1));
        new PatternStream(pattern, TotalBytes).CopyTo(writer, SegmentSize);
        writer.Complete();
    }

    private static void ReadStream(byte[] key, Stream input)
    {
        using var reader = ContainerReadStream.Open(input, key);
        reader.CopyTo(Stream.Null, SegmentSize);
    }

    private static ContainerOptions Options(int workers) => new()
    {
        KeyId = KeyId.Parse("bench"),
        SegmentSize = SegmentSize,
        MaxDegreeOfParallelism = workers,
    };

    private static byte[] Nonce(int index)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteInt32BigEndian(nonce.AsSpan(7), index);
        return nonce;
    }

    private static double Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private sealed record Case(string Name, string? Baseline, Action Run);
}
