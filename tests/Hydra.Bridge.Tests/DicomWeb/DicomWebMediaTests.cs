using Hydra.Bridge.DicomWeb;
using Microsoft.AspNetCore.Http;

namespace Hydra.Bridge.Tests.DicomWeb;

/// <summary>Accept negotiation (RFC 9110 12.5.1 with PS3.18 8.7's multipart parameters), as viewers and PACS send it.</summary>
public sealed class DicomWebMediaTests
{
    private const string Stored = "1.2.840.10008.1.2.1";

    private static Negotiated? Negotiate(string? accept, IReadOnlyList<MediaOffer> offers, Func<string, bool>? syntax = null)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return DicomWebMedia.Negotiate(context.Request, offers, syntax);
    }

    private static bool StoredOrAny(string s) => s is "*" or Stored;

    [Theory]
    [InlineData(null, null)]
    [InlineData("*/*", null)]
    [InlineData("multipart/*", null)]
    [InlineData("multipart/related", null)]
    [InlineData("multipart/related; type=application/dicom; transfer-syntax=*", null)]
    [InlineData("multipart/related; type=\"application/dicom\"; transfer-syntax=\"1.2.840.10008.1.2.1\"", Stored)]
    [InlineData("Multipart/Related; Type=\"Application/DICOM\"", null)]
    [InlineData("application/pdf, multipart/related; type=\"application/dicom\"; q=0.2", null)]
    public void Instances_AcceptedForms(string? accept, string? syntax)
    {
        var chosen = Negotiate(accept, DicomWebMedia.Instances, StoredOrAny);

        Assert.NotNull(chosen);
        Assert.Equal("application/dicom", chosen.Offer.PartType);
        Assert.Equal(syntax, chosen.TransferSyntax);
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("multipart/related; type=\"application/octet-stream\"")]
    [InlineData("multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.50")]
    [InlineData("multipart/related; type=\"application/dicom\"; q=0")]
    [InlineData("garbage")]
    public void Instances_RefusedForms(string accept) => Assert.Null(Negotiate(accept, DicomWebMedia.Instances, StoredOrAny));

    [Fact]
    public void Quality_HigherWins_ThenSpecificity_ThenServerOrder()
    {
        Assert.Equal("image/jpeg", Negotiate("image/png;q=0.5, image/jpeg", DicomWebMedia.Rendered)!.Offer.MediaType);
        Assert.Equal("image/png", Negotiate("image/*", DicomWebMedia.Rendered)!.Offer.MediaType);
        Assert.Equal("image/jpeg", Negotiate("image/*;q=0.5, image/jpeg;q=0.5", DicomWebMedia.Rendered)!.Offer.MediaType);
        Assert.Equal("application/dicom+json", Negotiate("application/json, application/dicom+json", DicomWebMedia.JsonModel)!.Offer.MediaType);
    }

    // The one negotiation QIDO-RS search results, WADO-RS metadata and the STOW-RS response all go through.
    [Theory]
    [InlineData(null, "application/dicom+json")]
    [InlineData("", "application/dicom+json")]
    [InlineData("*/*", "application/dicom+json")]
    [InlineData("application/*", "application/dicom+json")]
    [InlineData("text/html, application/json;q=0.5", "application/json")]
    [InlineData("application/dicom+xml", null)]
    [InlineData("multipart/related; type=\"application/dicom+xml\"", null)]
    [InlineData("application/json;q=0", null)]
    [InlineData("not a media type", null)]
    public void JsonModel_AcceptHeader(string? accept, string? expected) =>
        Assert.Equal(expected, Negotiate(accept, DicomWebMedia.JsonModel)?.Offer.MediaType);

    [Fact]
    public void NotAcceptable_ListsTheOffers()
    {
        var result = DicomWebMedia.NotAcceptable(DicomWebMedia.Rendered, "extra");

        var json = Assert.IsAssignableFrom<IStatusCodeHttpResult>(result);
        Assert.Equal(StatusCodes.Status406NotAcceptable, json.StatusCode);
        var value = Assert.IsAssignableFrom<IValueHttpResult>(result).Value!.ToString()!;
        Assert.Contains("image/png, image/jpeg. extra", value, StringComparison.Ordinal);
    }
}
