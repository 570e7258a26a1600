using Hydra.Bridge.Ingest;
using Hydra.Bridge.Tests.Support;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Bridge.Tests.Patients;

/// <summary>With patient grants, keys are still registered ahead, per patient, for a bounded number of patients.</summary>
public sealed class PatientKeyPoolTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public PatientKeyPoolTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Ingest_MorePatientsThanPools_ClosesTheOldestPoolAndDeletesItsSpareKeys()
    {
        // Arrange: a cluster of its own, so every key on it is this bridge's; pools of 2 keys.
        await using var cluster = await TestCluster.StartAsync(_fixture.Pki);
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, cluster, options => options.Ingest.KeyPoolSize = 2);
        using var scratch = new TempDirectory("hydra-patient");
        var template = SampleStudy.Write(scratch.Path, 1, size: 16).Files[0];
        var pipeline = bridge.Node.Services.GetRequiredService<IngestPipeline>();
        const int Patients = KeyPool.MaxPatientPools + 1;

        // Act: one image for each patient, one after the other.
        for (var i = 0; i < Patients; i++)
        {
            var image = DicomFile.Open(template);
            image.Dataset.SetString(DicomTags.PatientID, $"{SampleStudy.Marker}-POOL{i}");
            image.Dataset.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
            var result = await pipeline.IngestAsync(image, "HOSPITAL", CancellationToken.None).DefaultTimeout();
            Assert.Equal(IngestOutcome.Stored, result.Outcome);
        }

        await bridge.Node.KeyRefillsSettledAsync().DefaultTimeout();
        var running = await cluster.ConnectAsHost("bridge").ListKeysAsync("ingest:", CancellationToken.None).DefaultTimeout();
        await bridge.StopAsync();
        var stopped = await cluster.ConnectAsHost("bridge").ListKeysAsync("ingest:", CancellationToken.None).DefaultTimeout();

        // Assert: each open pool keeps 2 spare keys (refilled after its take); the first patient's were deleted.
        Assert.Equal(Patients + (KeyPool.MaxPatientPools * 2), running.Count);
        Assert.Equal(Patients, stopped.Count);
    }
}
