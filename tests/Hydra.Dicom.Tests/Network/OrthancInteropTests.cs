using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

/// <summary>Orthanc as SCU (C-STORE and C-FIND to us, driven by its REST API) and as SCP (our C-STORE into it).</summary>
public sealed class OrthancInteropTests : IClassFixture<OrthancFixture>
{
    private readonly OrthancFixture _orthanc;

    public OrthancInteropTests(OrthancFixture orthanc) => _orthanc = orthanc;

    [Fact]
    public async Task OrthancEcho_ToOurServer_Succeeds()
    {
        // Act
        using var response = await _orthanc.Http.PostAsync("modalities/hydra/echo", new StringContent("{}")).DefaultTimeout();

        // Assert
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OrthancStore_PushesInstancesToUs_TheyArriveAsTheSameDatasets()
    {
        // Arrange
        var names = new[] { "CT_small.dcm", "JPEG2000.dcm", "rtplan.dcm" };
        var ids = new List<string>();
        foreach (var name in names)
        {
            ids.Add(await _orthanc.UploadAsync(Dcmtk.Corpus(name)).DefaultTimeout());
        }

        // Act
        await _orthanc.PostAsync("modalities/hydra/store", OrthancFixture.Json(new { Resources = ids, Synchronous = true })).DefaultTimeout();

        // Assert
        foreach (var name in names)
        {
            var original = DicomFile.Open(Dcmtk.Corpus(name));
            var uid = original.Dataset.GetString(DicomTags.SOPInstanceUID);
            var received = _orthanc.Store.Received.Single(r => r.SopInstanceUid == uid && r.CallingAeTitle == "ORTHANC");
            Assert.Equal(DatasetText.Describe(original.Dataset), DatasetText.Describe(received.Parse()));
        }
    }

    [Fact]
    public async Task OrthancQuery_FindsStudiesOnOurServer()
    {
        // Act
        var query = await _orthanc.PostAsync("modalities/hydra/query", OrthancFixture.Json(new
        {
            Level = "Study",
            Query = new Dictionary<string, string> { ["PatientName"] = "DOE*", ["StudyInstanceUID"] = string.Empty, ["StudyDate"] = "20210101-" },
        })).DefaultTimeout();
        var path = query["Path"]!.GetValue<string>().TrimStart('/');
        var answers = (await _orthanc.GetAsync(path + "/answers").DefaultTimeout()).AsArray();
        var content = await _orthanc.GetAsync(path + "/answers/0/content?simplify").DefaultTimeout();

        // Assert
        Assert.Single(answers);
        Assert.Equal("1.2.826.0.1.3680043.10.1.2", content["StudyInstanceUID"]!.GetValue<string>());
        Assert.Equal("DOE^JOHN", content["PatientName"]!.GetValue<string>());
    }

    [Fact]
    public async Task OurStore_IntoOrthanc_InstancesAreListedAndEqual()
    {
        // Arrange
        var names = new[] { "MR_small.dcm", "SC_rgb_jpeg_dcmtk.dcm" };
        var files = names.Select(n => DicomFile.Open(Dcmtk.Corpus(n))).ToList();
        var client = new DicomClient(new DicomClientOptions { CalledAeTitle = "ORTHANC", Port = _orthanc.DicomPort });

        // Act
        var results = await client.StoreAsync(files, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.All(results, r => Assert.Equal(DicomStatus.Success, r.Status));
        var stored = new Dictionary<string, DicomFile>();
        foreach (var id in (await _orthanc.GetAsync("instances").DefaultTimeout()).AsArray())
        {
            var copy = DicomFile.Read(await _orthanc.Http.GetByteArrayAsync($"instances/{id}/file").DefaultTimeout());
            stored[copy.Dataset.GetString(DicomTags.SOPInstanceUID)!] = copy;
        }

        foreach (var file in files)
        {
            var copy = stored[file.Dataset.GetString(DicomTags.SOPInstanceUID)!];
            Assert.Equal(file.TransferSyntax, copy.TransferSyntax);
            Assert.Equal(DatasetText.Describe(file.Dataset), DatasetText.Describe(copy.Dataset));
        }
    }
}
