using System.IO.Compression;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;
using Hydra.Dicom.Tests.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.IO;

/// <summary>Malformed and hostile input ends in a clean result or a <see cref="DicomFormatException"/>, never a crash or a hang.</summary>
public sealed class HostileInputTests
{
    private static readonly DicomTransferSyntax Explicit = DicomTransferSyntax.ExplicitVRLittleEndian;

    public static TheoryData<string> SmallFiles => new(
        "test_files/nested_priv_SQ.dcm", "test_files/ExplVR_BigEndNoMeta.dcm", "test_files/rtplan.dcm",
        "test_files/JPEG2000.dcm", "test_files/image_dfl.dcm", "charset_files/chrSQEncoding.dcm");

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public void Read_EveryTruncation_ParsesOrThrowsFormatException(string label)
    {
        // Arrange
        var bytes = File.ReadAllBytes(Pydicom.CorpusPath(label));

        for (var length = 0; length < bytes.Length; length++)
        {
            // Act
            var error = Record.Exception(() => DicomFile.Read(bytes.AsMemory(0, length)));

            // Assert
            Assert.True(error is null or DicomFormatException, $"{label} cut to {length} bytes: {error}");
        }
    }

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public async Task ReadAsync_EveryTruncationFromANonSeekableStream_ParsesOrThrowsFormatException(string label)
    {
        var bytes = File.ReadAllBytes(Pydicom.CorpusPath(label));
        for (var length = 0; length < bytes.Length; length += 3)
        {
            var error = await Record.ExceptionAsync(() => DicomFile.ReadAsync(new ForwardOnlyStream(bytes[..length]), null, CancellationToken.None))
                .DefaultTimeout();

            Assert.True(error is null or DicomFormatException, $"{label} cut to {length} bytes: {error}");
        }
    }

    [Fact]
    public void Read_RandomMutations_ParseOrThrowFormatExceptionAndWhatParsesCanBeWritten()
    {
        // Arrange
        var random = new Random(20250128);
        var sources = new[] { "test_files/rtplan.dcm", "test_files/JPEG2000.dcm", "test_files/MR_small_bigendian.dcm", "charset_files/chrH32.dcm" }
            .Select(label => File.ReadAllBytes(Pydicom.CorpusPath(label))).ToArray();

        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])sources[round % sources.Length].Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(132, bytes.Length)] = (byte)random.Next(256);
            }

            // Act
            var error = Record.Exception(() => DicomFile.Read(bytes).ToArray());

            // Assert
            Assert.True(error is null or DicomException, $"round {round}: {error}");
        }
    }

    [Fact]
    public async Task Read_TransferSyntaxUidThatIsNotText_ThrowsUnexpectedVRAtItsHeader()
    {
        // Arrange: CT_small.dcm with the VR of (0002,0010) changed from UI to UL, as a fuzzer found it.
        var bytes = File.ReadAllBytes(Pydicom.CorpusPath("test_files/CT_small.dcm"));
        var header = bytes.AsSpan().IndexOf("\u0002\0\u0010\0UI"u8);
        Assert.True(header > 132);
        bytes[header + 5] = (byte)'L';

        // Act
        var fromMemory = Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes));
        var fromStream = await Assert.ThrowsAsync<DicomFormatException>(() => DicomFile.ReadAsync(new ForwardOnlyStream(bytes), null, CancellationToken.None))
            .DefaultTimeout();

        // Assert
        Assert.All([fromMemory, fromStream], error =>
        {
            Assert.Equal(DicomFormatReason.UnexpectedVR, error.Reason);
            Assert.Equal(header, error.Offset);
            Assert.Equal(new DicomTag(0x0002, 0x0010), error.Tag);
        });
    }

    [Fact]
    public void Read_LengthBeyondTheInput_ThrowsLengthExceedsRemainingAtTheHeader()
    {
        // Arrange
        var bytes = Encoded.Concat(Encoded.Explicit(DicomTags.PatientName, "PN", "A^B "), Encoded.Explicit(DicomTags.PixelData, "OB", [1, 2, 3, 4], 0xFFFFFFF0));

        // Act
        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit));

        // Assert
        Assert.Equal(DicomFormatReason.LengthExceedsRemaining, error.Reason);
        Assert.Equal(12, error.Offset);
        Assert.Equal(DicomTags.PixelData, error.Tag);
        Assert.Contains("(7FE0,0010) PixelData", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValueOverTheConfiguredMaximum_ThrowsValueTooLong()
    {
        var bytes = Encoded.Explicit(DicomTags.PixelData, "OB", new byte[2048]);

        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit, new DicomReaderOptions { MaxValueLength = 1024 }));

        Assert.Equal(DicomFormatReason.ValueTooLong, error.Reason);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Read_ItemLongerThanItsSequence_ThrowsLengthExceedsRemaining()
    {
        // Arrange: a 16-byte sequence holding an item that claims 100 bytes.
        var bytes = Encoded.Concat(Encoded.Explicit(DicomTags.ReferencedImageSequence, "SQ", [], 16), Encoded.ItemHeader(DicomTag.Item, 100), new byte[8]);

        // Act
        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit));

        // Assert
        Assert.Equal(DicomFormatReason.LengthExceedsRemaining, error.Reason);
        Assert.Equal(12, error.Offset);
        Assert.Contains("remaining in the sequence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SequencesNestedBeyondTheLimit_ThrowsNestingTooDeepWithoutRecursing()
    {
        // Arrange: 100,000 levels of sequence > item, far deeper than any stack would take recursively.
        const int depth = 100_000;
        var level = Encoded.Concat(Encoded.Sequence(DicomTags.ReferencedImageSequence), Encoded.Item());
        var bytes = Enumerable.Repeat(level, depth).SelectMany(b => b).ToArray();

        // Act
        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit));

        // Assert
        Assert.Equal(DicomFormatReason.NestingTooDeep, error.Reason);
        Assert.Equal(32L * level.Length, error.Offset);
    }

    [Fact]
    public void Read_HugeItemCount_ThrowsTooManyItems()
    {
        // Arrange: 100,001 empty items of defined length in one sequence.
        var items = Enumerable.Repeat(Encoded.ItemHeader(DicomTag.Item, 0), 100_001).SelectMany(b => b);
        var bytes = Encoded.Concat(Encoded.Sequence(DicomTags.ReferencedImageSequence), [.. items], Encoded.SequenceEnd());

        // Act
        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit));

        // Assert
        Assert.Equal(DicomFormatReason.TooManyItems, error.Reason);
        Assert.Equal(DicomTags.ReferencedImageSequence, error.Tag);
    }

    [Fact]
    public void Read_MoreElementsThanTheLimit_ThrowsTooManyElements()
    {
        var bytes = Enumerable.Range(0x1000, 1001).SelectMany(e => Encoded.Explicit(new DicomTag(0x0009, (ushort)e), "UN", [])).ToArray();

        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit, new DicomReaderOptions { MaxElements = 1000 }));

        Assert.Equal(DicomFormatReason.TooManyElements, error.Reason);
        Assert.Equal(1000 * 12, error.Offset);
    }

    [Fact]
    public void Read_DeflateBomb_ThrowsDatasetTooLongBeforeInflatingItAll()
    {
        // Arrange: 16 MiB of a zero-filled value deflates to a few KiB.
        using var deflated = new MemoryStream();
        using (var deflater = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(Encoded.Explicit(DicomTags.PixelData, "OB", [], 16 << 20));
            deflater.Write(new byte[16 << 20]);
        }

        // Act
        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(deflated.ToArray(),
            DicomTransferSyntax.DeflatedExplicitVRLittleEndian, new DicomReaderOptions { MaxDatasetLength = 1 << 20 }));

        // Assert
        Assert.Equal(DicomFormatReason.DatasetTooLong, error.Reason);
        Assert.True(deflated.Length < 64 * 1024);
    }

    [Fact]
    public void Read_NotADeflateStream_ThrowsInvalidDeflate()
    {
        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(Enumerable.Repeat((byte)0xFF, 64).ToArray(),
            DicomTransferSyntax.DeflatedExplicitVRLittleEndian));

        Assert.Equal(DicomFormatReason.InvalidDeflate, error.Reason);
    }

    [Fact]
    public void Read_BytesThatAreNotAVR_ThrowsInvalidVRNamingTheElement()
    {
        // Arrange: a valid first element, then "x?" where a VR belongs.
        var bad = Encoded.Explicit(DicomTags.PatientID, "LO", "1");
        bad[4] = (byte)'x';
        var bytes = Encoded.Concat(Encoded.Explicit(DicomTags.PatientName, "PN", "A^B "), bad);

        // Act
        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit));

        // Assert
        Assert.Equal(DicomFormatReason.InvalidVR, error.Reason);
        Assert.Equal(12, error.Offset);
        Assert.Equal(DicomTags.PatientID, error.Tag);
    }

    [Fact]
    public void Read_UndefinedLengthOnText_ThrowsInvalidLength()
    {
        var bytes = Encoded.Explicit(DicomTags.TextValue, "UT", [], 0xFFFFFFFF);

        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit));

        Assert.Equal(DicomFormatReason.InvalidLength, error.Reason);
    }

    [Fact]
    public void Read_ElementWhereAnItemBelongs_ThrowsUnexpectedTag()
    {
        var bytes = Encoded.Concat(Encoded.Sequence(DicomTags.ReferencedImageSequence), Encoded.Explicit(DicomTags.PatientID, "LO", "12"));

        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit));

        Assert.Equal(DicomFormatReason.UnexpectedTag, error.Reason);
        Assert.Equal(12, error.Offset);
    }

    [Fact]
    public void Read_ItemAtTopLevel_ThrowsUnexpectedTag()
    {
        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(Encoded.Item(), Explicit));

        Assert.Equal(DicomFormatReason.UnexpectedTag, error.Reason);
    }

    [Fact]
    public void Read_SequenceLeftOpen_ThrowsUnexpectedEndOfDataNamingTheSequence()
    {
        var bytes = Encoded.Concat(Encoded.Sequence(DicomTags.ReferencedImageSequence), Encoded.Item(), Encoded.Explicit(DicomTags.PatientID, "LO", "12"));

        var error = Assert.Throws<DicomFormatException>(() => DicomDatasetReader.Read(bytes, Explicit));

        Assert.Equal(DicomFormatReason.UnexpectedEndOfData, error.Reason);
        Assert.Equal(DicomTags.ReferencedImageSequence, error.Tag);
        Assert.Equal(bytes.Length, error.Offset);
    }

    [Fact]
    public void Append_HeaderClaimingAGigabyteThenEnd_FailsWithoutClaimingTheMemory()
    {
        // Arrange: a stream of unknown length may lie about a value's length; memory follows the bytes that arrive.
        var reader = new DicomIncrementalReader(Explicit);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        reader.Append(Encoded.Explicit(DicomTags.PixelData, "OB", new byte[100], 1 << 30));
        var error = Assert.Throws<DicomFormatException>(() => reader.Complete());

        // Assert
        Assert.Equal(DicomFormatReason.UnexpectedEndOfData, error.Reason);
        Assert.Equal(DicomTags.PixelData, error.Tag);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }
}
