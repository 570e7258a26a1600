using System.CommandLine;
using Hydra.Benchmarks.Bridge;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// <c>dicomweb-wado</c>: one synthetic CT study (512x512, 16-bit, uncompressed) ingested into a bridge (C-STORE; three
/// keystore nodes in their own processes) and, as sent, into Orthanc with its DICOMweb plugin; then interleaved rounds
/// of a WADO-RS study retrieve from each, every part read and counted. The bridge runs as its own process and answers
/// over HTTP/2 on grid TLS to the reader's certificate, decrypting each image with a key rebuilt on the reader's behalf;
/// Orthanc answers over plain HTTP/1.1 with its stored files.
/// </summary>
public static class WadoBenchCommand
{
    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "Images in the study (512x512, 16-bit)", DefaultValueFactory = _ => 500 };
        var rounds = new Option<int>("--rounds") { Description = "Measured retrieves per server, interleaved", DefaultValueFactory = _ => 5 };
        var warmUp = new Option<int>("--warm-up") { Description = "Unmeasured retrieves per server first", DefaultValueFactory = _ => 2 };
        var servers = new Option<string[]>("--servers")
        {
            Description = "Which origin servers to retrieve from (both for the ratio)",
            DefaultValueFactory = _ => ["bridge", "Orthanc", "floor"],
            AllowMultipleArgumentsPerToken = true,
        };
        servers.AcceptOnlyFromAmong("bridge", "Orthanc", "floor");
        var http = new Option<string>("--http")
        {
            Description = "HTTP version the bench client asks the bridge for by ALPN (Orthanc always gets HTTP/1.1)",
            DefaultValueFactory = _ => "2",
        };
        http.AcceptOnlyFromAmong("2", "1.1");
        var client = new Option<string>("--client")
        {
            Description = "The bench client's TLS to the bridge: grid (Hydra's BouncyCastle TLS) or openssl (.NET SslStream, as curl, browsers and Orthanc)",
            DefaultValueFactory = _ => "grid",
        };
        client.AcceptOnlyFromAmong("grid", "openssl");
        var command = new Command("dicomweb-wado", "WADO-RS study retrieve: the bridge (decrypt + delegated key fetch) against Orthanc's DICOMweb")
        {
            images, rounds, warmUp, servers, http, client,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(images), result.GetValue(rounds), result.GetValue(warmUp), result.GetValue(servers)!, result.GetValue(http) == "1.1", result.GetValue(client) == "openssl", cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int images, int rounds, int warmUp, string[] servers, bool http11, bool nativeTls, CancellationToken cancellationToken)
    {
        if (images < 1 || rounds < 1 || warmUp < 0)
        {
            throw new ArgumentException("--images and --rounds must be at least 1, --warm-up at least 0.");
        }

        using var folder = new TempDirectory("hydra-webbench-wado");
        await using var orthanc = await OrthancDicomWeb.StartAsync(folder.Combine("orthanc"), cancellationToken);
        await using var stack = await WebBenchStack.StartAsync();
        var study = SampleStudy.Write(folder.Combine("study"), images, 512);
        var bytes = study.Files.Sum(f => new FileInfo(f).Length);
        await new ParallelStorescu(4).SendAsync(stack.DicomTarget, study.Files, cancellationToken);
        await new ParallelStorescu(4).SendAsync(orthanc.Target, study.Files, cancellationToken);
        var studies = await stack.StudiesAsync(DevUser.Reader, cancellationToken);
        var instances = await stack.InstancesAsync(DevUser.Reader, cancellationToken);
        if (studies.Count != 1 || studies.Single().Value != images || await orthanc.CountAsync(cancellationToken) != images)
        {
            throw new InvalidOperationException($"The bridge holds {studies.Sum(s => s.Value)} images, Orthanc {await orthanc.CountAsync(cancellationToken)}, not {images}.");
        }

        var bridge = await stack.MoveBridgeToProcessAsync();
        using var reader = stack.ReaderClient(bridge.ReaderPort, DevUser.Reader, http11, nativeTls);
        var sides = new (string Name, Func<CancellationToken, Task<WebRun>> Retrieve)[]
        {
            ("bridge", ct => WadoRetrieve.RunAsync(reader, studies.Single().Key, images, () => bridge.ProcessorTime, stack.NodesProcessorTime, ct)),
            ("Orthanc", ct => WadoRetrieve.RunAsync(orthanc.Http, study.StudyInstanceUid, images, () => orthanc.ProcessorTime, () => TimeSpan.Zero, ct)),
            ("floor", ct => CiphertextTransfer.RunAsync(reader, instances, () => bridge.ProcessorTime, ct)),
        }.Where(side => servers.Contains(side.Name)).ToArray();

        Console.WriteLine($"WADO-RS retrieve of one {images}-image study ({bytes / 1e6:N1} MB as sent), Accept: {WadoRetrieve.Accept}");
        Console.WriteLine($"bridge: own process (dotnet Hydra.Bridge.dll), {(http11 ? "HTTP/1.1" : "HTTP/2")} over grid TLS with the reader's certificate ({(nativeTls ? "client on OpenSSL" : "client on grid TLS")}), 3 keystore nodes in their own processes");
        Console.WriteLine($"Orthanc: {orthanc.Version}, plain HTTP/1.1 on loopback, files as stored");
        Console.WriteLine($"floor: the bridge's stored ciphertext of the same images over the same {(http11 ? "HTTP/1.1" : "HTTP/2")} on grid TLS, no keys, no decryption ({CiphertextTransfer.InFlight} requests in flight)");
        Console.WriteLine($"{warmUp} warm-up retrieves each, then {rounds} rounds, order alternating per round; one request at a time");
        BenchLoad.Print("at start");
        for (var i = 0; i < warmUp; i++)
        {
            foreach (var side in sides)
            {
                await side.Retrieve(cancellationToken);
            }
        }

        var runs = new WebRuns();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var side in round % 2 == 0 ? sides : sides.Reverse())
            {
                runs.Add(side.Name, await side.Retrieve(cancellationToken));
            }
        }

        Console.WriteLine();
        runs.Print(new Dictionary<string, string>
        {
            ["bridge"] = "Hydra bridge WADO-RS (decrypt, delegated keys)",
            ["Orthanc"] = "Orthanc DICOMweb WADO-RS (plain files)",
            ["floor"] = "bridge transport floor (ciphertext, no keys)",
        });
        foreach (var (side, baseline) in new[] { ("bridge", "Orthanc"), ("floor", "Orthanc"), ("bridge", "floor") })
        {
            if (servers.Contains(side) && servers.Contains(baseline))
            {
                runs.PrintRatio(side, baseline);
            }
        }

        Console.WriteLine("MB/s counts the whole multipart body; CPU ms/img is the serving process's (the bridge's own process,");
        Console.WriteLine("Orthanc's) and the three keystore nodes' together on their own column.");
        BenchLoad.Print("at end");
        return 0;
    }
}
