using System.Text.Json;
using Hydra.Bridge.DicomWeb.Stow;
using Microsoft.AspNetCore.Http;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>The Store Instances response body (PS3.18 10.5.3) as the one DICOM JSON writer produces it.</summary>
public sealed class StowResponseTests
{
    private const string Root = "https://bridge/dicom-web";

    [Fact]
    public void MixedOutcome_TagsInOrder_EmptyReferencesWithoutValue()
    {
        // Arrange: one stored with a warning, one failed without any UID known.
        StowInstance[] instances =
        [
            new("1.2.840.10008.5.1.4.1.1.7", "2.25.3", "2.25.1", "2.25.2", null, StowInstance.Quarantined, "test"),
            StowInstance.Failed(StowInstance.CannotUnderstand, "test"),
        ];

        // Act
        using var json = JsonDocument.Parse(StowResponse.Write(instances, Root));

        // Assert
        var root = json.RootElement;
        Assert.Equal(["00081190", "00081198", "00081199"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{Root}/studies/2.25.1", root.GetProperty("00081190").GetProperty("Value")[0].GetString());
        Assert.Equal("UR", root.GetProperty("00081190").GetProperty("vr").GetString());

        var failed = root.GetProperty("00081198").GetProperty("Value")[0];
        Assert.Equal(["00081150", "00081155", "00081197"], failed.EnumerateObject().Select(p => p.Name));
        Assert.False(failed.GetProperty("00081150").TryGetProperty("Value", out _));
        Assert.Equal("UI", failed.GetProperty("00081155").GetProperty("vr").GetString());
        Assert.Equal(0xC000, failed.GetProperty("00081197").GetProperty("Value")[0].GetInt32());

        var stored = root.GetProperty("00081199").GetProperty("Value")[0];
        Assert.Equal(["00081150", "00081155", "00081190", "00081196"], stored.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2.25.3", stored.GetProperty("00081155").GetProperty("Value")[0].GetString());
        Assert.Equal($"{Root}/studies/2.25.1/series/2.25.2/instances/2.25.3", stored.GetProperty("00081190").GetProperty("Value")[0].GetString());
        Assert.Equal("US", stored.GetProperty("00081196").GetProperty("vr").GetString());
        Assert.Equal(0xB006, stored.GetProperty("00081196").GetProperty("Value")[0].GetInt32());
    }

    [Fact]
    public void AllStored_NoFailedSequence()
    {
        StowInstance[] instances = [new("1.2.3", "2.25.3", "2.25.1", "2.25.2", null, null, "stored")];

        using var json = JsonDocument.Parse(StowResponse.Write(instances, Root));

        Assert.False(json.RootElement.TryGetProperty("00081198", out _));
        Assert.Equal(StatusCodes.Status200OK, StowResponse.Status(instances));
    }
}
