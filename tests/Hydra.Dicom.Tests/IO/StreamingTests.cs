using System.Runtime.InteropServices;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;
using Hydra.Dicom.Tests.Interop;
using Hydra.Dicom.Tests.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.IO;

/// <summary>Memory, stream and push reading give the same data set; large values are neither copied needlessly nor buffered twice.</summary>
public sealed class StreamingTests
{
    public static TheoryData<string> Files => PydicomCorpusTests.ReadableFiles;

    public static TheoryData<string, int> PushedFiles => new()
    {
        { "test_files/CT_small.dcm", 1 },
        { "test_files/JPEG2000-embedded-sequence-delimiter.dcm", 7 },
        { "test_files/rtplan.dcm", 3 },
        { "test_files/ExplVR_BigEnd.dcm", 16384 },
        { "test_files/image_dfl.dcm", 5 },
        { "charset_files/chrSQEncoding.dcm", 2 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ReadAsync_NonSeekableStream_GivesWhatOpenGives(string label)
    {
        // Arrange
        var path = Pydicom.CorpusPath(label);
        var expected = DicomFile.Open(path);

        // Act
        var actual = await DicomFile.ReadAsync(new ForwardOnlyStream(File.ReadAllBytes(path)), null, CancellationToken.None).DefaultTimeout();

        // Assert
        JsonAssert.Same(CanonicalJson.Render(expected.FileMetaInformation), CanonicalJson.Render(actual.FileMetaInformation), "meta");
        JsonAssert.Same(CanonicalJson.Render(expected.Dataset), CanonicalJson.Render(actual.Dataset), "dataset");
        Assert.Equal(expected.TransferSyntax, actual.TransferSyntax);
        Assert.Equal(expected.Preamble.ToArray(), actual.Preamble.ToArray());
    }

    [Theory]
    [MemberData(nameof(PushedFiles))]
    public void Append_DatasetInPieces_GivesWhatReadingAllAtOnceGives(string label, int pieceSize)
    {
        // Arrange
        var file = DicomFile.Open(Pydicom.CorpusPath(label));
        var encoded = DicomDatasetWriter.Encode(file.Dataset, file.TransferSyntax);
        var reader = new DicomIncrementalReader(file.TransferSyntax);

        // Act
        for (var offset = 0; offset < encoded.Length; offset += pieceSize)
        {
            reader.Append(encoded.AsMemory(offset, Math.Min(pieceSize, encoded.Length - offset)));
        }

        var dataset = reader.Complete();

        // Assert
        Assert.Equal(encoded.Length, reader.BytesReceived);
        JsonAssert.Same(CanonicalJson.Render(DicomDatasetReader.Read(encoded, file.TransferSyntax)), CanonicalJson.Render(dataset), "dataset");
    }

    [Fact]
    public void Append_PiecesOfRandomSize_GivesWhatReadingAllAtOnceGives()
    {
        // Arrange
        var random = new Random(7);
        var file = DicomFile.Open(Pydicom.CorpusPath("test_files/reportsi.dcm"));
        var encoded = DicomDatasetWriter.Encode(file.Dataset, DicomTransferSyntax.ImplicitVRLittleEndian);
        var reader = new DicomIncrementalReader(DicomTransferSyntax.ImplicitVRLittleEndian);

        // Act
        for (var offset = 0; offset < encoded.Length;)
        {
            var size = Math.Min(random.Next(1, 40), encoded.Length - offset);
            reader.Append(encoded.AsMemory(offset, size));
            offset += size;
        }

        // Assert
        JsonAssert.Same(CanonicalJson.Render(file.Dataset), CanonicalJson.Render(reader.Complete()), "dataset");
    }

    [Fact]
    public void Read_FromMemory_ValuesAreSlicesOfTheInput()
    {
        // Arrange
        var bytes = File.ReadAllBytes(Pydicom.CorpusPath("test_files/CT_small.dcm"));

        // Act
        var file = DicomFile.Read(bytes);

        // Assert
        Assert.True(MemoryMarshal.TryGetArray(file.Dataset.GetBytes(DicomTags.PixelData), out var segment));
        Assert.Same(bytes, segment.Array);
    }

    [Fact]
    public async Task ReadAsync_LargeValuesFromAStream_ArriveIntact()
    {
        // Arrange: 24 MiB of pixel data crosses many 64 KiB reads and the 4 MiB growth step for unbounded streams.
        var pixels = new byte[24 << 20];
        new Random(3).NextBytes(pixels);
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        var encoded = new DicomFile(dataset).ToArray();

        // Act
        var fromSocket = await DicomFile.ReadAsync(new ForwardOnlyStream(encoded, 60_000), null, CancellationToken.None).DefaultTimeout();
        var fromFile = await DicomFile.ReadAsync(new MemoryStream(encoded), null, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.True(fromSocket.Dataset.GetBytes(DicomTags.PixelData).Span.SequenceEqual(pixels));
        Assert.True(fromFile.Dataset.GetBytes(DicomTags.PixelData).Span.SequenceEqual(pixels));
    }

    [Fact]
    public void WriteTo_LargeValue_ReachesTheStreamFromItsOwnMemory()
    {
        // Arrange
        var pixels = new byte[1 << 20];
        var dataset = new DicomDataset();
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        var stream = new SpanWatchingStream(pixels);

        // Act
        DicomDatasetWriter.Write(dataset, stream, DicomTransferSyntax.ExplicitVRLittleEndian);

        // Assert
        Assert.True(stream.SawTheWatchedMemory);
        Assert.Equal(12 + pixels.Length, stream.Length);
    }

    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTripsThroughStreams()
    {
        // Arrange
        var original = DicomFile.Open(Pydicom.CorpusPath("test_files/MR_small_bigendian.dcm"));
        using var stream = new MemoryStream();

        // Act
        await original.WriteAsync(stream, null, CancellationToken.None).DefaultTimeout();
        stream.Position = 0;
        var reread = await DicomFile.ReadAsync(stream, null, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomTransferSyntax.ExplicitVRBigEndian, reread.TransferSyntax);
        JsonAssert.Same(CanonicalJson.Render(original.Dataset), CanonicalJson.Render(reread.Dataset), "dataset");
    }

    [Fact]
    public async Task PushParserAndStreamReader_WithAHandler_StreamPixelDataWithoutBuildingADataset()
    {
        // Arrange
        var file = DicomFile.Open(Pydicom.CorpusPath("test_files/CT_small.dcm"));
        var encoded = DicomDatasetWriter.Encode(file.Dataset, file.TransferSyntax);
        using var folder = new TempDirectory();
        var pushed = new PixelDataToDisk(folder.Combine("pushed.raw"));
        var streamed = new PixelDataToDisk(folder.Combine("streamed.raw"));
        var parser = new DicomPushParser(pushed, file.TransferSyntax);

        // Act
        foreach (var piece in encoded.Chunk(16_372))
        {
            parser.Append(piece);
        }

        parser.Complete();
        await DicomDatasetReader.ReadAsync(new ForwardOnlyStream(encoded), file.TransferSyntax, streamed, null, CancellationToken.None).DefaultTimeout();
        pushed.Dispose();
        streamed.Dispose();

        // Assert
        var pixels = file.Dataset.GetBytes(DicomTags.PixelData).ToArray();
        Assert.Equal(pixels, File.ReadAllBytes(folder.Combine("pushed.raw")));
        Assert.Equal(pixels, File.ReadAllBytes(folder.Combine("streamed.raw")));
        Assert.Equal(file.Dataset.Count, pushed.TopLevelElements);
    }

    // Writes Pixel Data to a file and only counts the rest.
    private sealed class PixelDataToDisk(string path) : IDicomReaderObserver, IDisposable
    {
        private readonly FileStream _output = File.Create(path);
        private int _depth;

        public int TopLevelElements { get; private set; }

        public void OnElement(in DicomElementHeader header, ReadOnlyMemory<byte> value)
        {
            TopLevelElements += _depth == 0 ? 1 : 0;
            if (header.Tag == DicomTags.PixelData)
            {
                _output.Write(value.Span);
            }
        }

        public void OnBeginSequence(in DicomElementHeader header)
        {
            TopLevelElements += _depth == 0 ? 1 : 0;
            _depth++;
        }

        public void OnEndSequence() => _depth--;

        public void OnBeginItem(long offset, bool undefinedLength)
        {
        }

        public void OnEndItem()
        {
        }

        public void OnBeginFragments(in DicomElementHeader header) => _depth++;

        public void OnFragment(long offset, ReadOnlyMemory<byte> fragment)
        {
        }

        public void OnEndFragments() => _depth--;

        public void Dispose() => _output.Dispose();
    }

    private sealed class SpanWatchingStream(byte[] watched) : MemoryStream
    {
        public bool SawTheWatchedMemory { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            SawTheWatchedMemory |= buffer.Overlaps(watched);
            base.Write(buffer);
        }
    }
}
