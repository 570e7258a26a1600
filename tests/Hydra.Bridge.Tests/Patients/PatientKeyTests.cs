using System.IO.Compression;
using Hydra.Bridge.Patients;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.Patients;

/// <summary>
/// Keys rebuilt for the patient (the bridge vouching with <c>hydra-on-behalf-of-patient</c>) and the audit records of
/// their keys. These need nodes with the <c>PatientDelegates</c> role (the node side of issue 21).
/// </summary>
public sealed class PatientKeyTests : IClassFixture<PatientFixture>
{
    private readonly PatientFixture _fixture;

    public PatientKeyTests(PatientFixture fixture) => _fixture = fixture;

    private IPatientRecords Records => _fixture.Records;

    [Fact]
    public async Task OpenImageAsync_OwnImage_IsTheDeidentifiedImageAGridReaderDecrypts()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-patient");
        var entry = (await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-OPEN", 1))[0];
        var session = Records.SignIn(SampleStudy.Marker + "-OPEN");
        var reader = GridReader.ProxyOf(_fixture.Pki, DevUser.Reader);
        var summary = Assert.Single(await _fixture.Bridge.ConnectReader(reader).ListImagesAsync(entry.StudyInstanceUid, CancellationToken.None).DefaultTimeout());
        var expected = await GridReader.ReadImageAsync(_fixture.Bridge, _fixture.Cluster, reader, summary);

        // Act
        var image = await Records.OpenImageAsync(session, entry.SopInstanceUid, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(expected, image);
        Assert.False(Leaks.Contains(image!), "the patient's copy carries an identifying value");
        Assert.Equal(session.Patient.Value, GridReader.Parse(image!).Dataset.GetString(DicomTags.PatientID));
    }

    [Fact]
    public async Task WriteStudyZipAsync_OwnStudy_IntoAResponseBody_HoldsEveryInstanceAsStored()
    {
        // Arrange: written as into Kestrel's response body (not seekable, asynchronous writes only).
        using var scratch = new TempDirectory("hydra-patient");
        var entries = await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-ZIP", 3);
        var session = Records.SignIn(SampleStudy.Marker + "-ZIP");
        await using var response = new ResponseLikeStream();

        // Act
        var written = await Records.WriteStudyZipAsync(session, entries[0].StudyInstanceUid, response, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.True(written);
        using var zip = new MemoryStream(response.Written);
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        Assert.Equal(["1/1.dcm", "1/2.dcm", "1/3.dcm"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var uids = new List<string?>();
        foreach (var file in archive.Entries)
        {
            using var content = new MemoryStream();
            await using (var stream = file.Open())
            {
                await stream.CopyToAsync(content).DefaultTimeout();
            }

            Assert.False(Leaks.Contains(content.ToArray()), file.FullName);
            uids.Add(GridReader.Parse(content.ToArray()).Dataset.GetString(DicomTags.SOPInstanceUID));
        }

        Assert.Equal(entries.Select(e => e.SopInstanceUid).Order(StringComparer.Ordinal), uids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AccessLogAsync_ShowsAReadersEarlierReadThroughTheBridgeAndThePatientsOwn()
    {
        // Arrange: a radiology reader opens the image through the bridge's reader endpoint, then the patient does.
        using var scratch = new TempDirectory("hydra-patient");
        var entry = (await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-LOG", 1))[0];
        var session = Records.SignIn(SampleStudy.Marker + "-LOG");
        var reader = _fixture.Bridge.ConnectReader(GridReader.ProxyOf(_fixture.Pki, DevUser.Reader));
        await using (var dicom = await reader.OpenDicomAsync(entry.SopInstanceUid, CancellationToken.None).DefaultTimeout())
        {
            await dicom.CopyToAsync(Stream.Null).DefaultTimeout();
        }

        Assert.NotNull(await Records.OpenImageAsync(session, entry.SopInstanceUid, CancellationToken.None).DefaultTimeout());

        // Act
        var log = await Records.AccessLogAsync(session, CancellationToken.None).DefaultTimeout();

        // Assert: one event per read (not one per node), newest first.
        Assert.Empty(log.UnreachableNodes);
        Assert.Equal(2, log.Events.Count);
        var (own, clinician) = (log.Events[0], log.Events[1]);
        Assert.Equal(("you", true, entry.StudyInstanceUid), (own.Who, own.Released, own.StudyInstanceUid));
        Assert.Equal(("Alice Reader", true), (clinician.Who, clinician.Released));
        Assert.Equal(["/hospital/radiology"], clinician.Groups);
        Assert.Contains("bridge", clinician.Service, StringComparison.Ordinal);
        Assert.Contains("bridge", own.Service, StringComparison.Ordinal);
        Assert.True(own.Time >= clinician.Time);
    }
}
