using Hydra.Dicom.Text;

namespace Hydra.Dicom;

/// <summary>Private data elements and their creators (PS3.5 7.8.1).</summary>
public sealed partial class DicomDataset
{
    /// <summary>The creator that reserved the block of private element <paramref name="tag"/>, or null.</summary>
    public string? GetPrivateCreator(DicomTag tag) => tag.PrivateCreatorTag is { } creator ? GetString(creator)?.Trim() : null;

    /// <summary>
    /// The tag of element <paramref name="elementOffset"/> (00-FF) in the block that <paramref name="creator"/>
    /// reserved in odd group <paramref name="group"/>; null when the creator holds no block there.
    /// </summary>
    public DicomTag? FindPrivateTag(ushort group, string creator, byte elementOffset)
    {
        ArgumentNullException.ThrowIfNull(creator);
        return FindPrivateBlock(group, creator) is { } block ? new DicomTag(group, (ushort)((block << 8) | elementOffset)) : null;
    }

    /// <summary>
    /// Like <see cref="FindPrivateTag"/>, but reserves the lowest free block (gggg,0010-00FF) for
    /// <paramref name="creator"/> when it holds none yet.
    /// </summary>
    public DicomTag GetOrAddPrivateTag(ushort group, string creator, byte elementOffset)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (new DicomTag(group, 0x0010) is not { IsPrivate: true })
        {
            throw new ArgumentException($"Group {group:X4} is not a private (odd) group.", nameof(group));
        }

        if (FindPrivateBlock(group, creator) is not { } block)
        {
            block = FreeBlock(group);
            var creatorTag = new DicomTag(group, block);
            if (!DicomCharacterSet.Default.TryEncode(creator, out var bytes))
            {
                SetString(creatorTag, DicomVR.LO, creator);
            }
            else
            {
                Set(new DicomValueElement(creatorTag, DicomVR.LO, bytes, CharacterSet));
            }
        }

        return new DicomTag(group, (ushort)((block << 8) | elementOffset));
    }

    private byte? FindPrivateBlock(ushort group, string creator)
    {
        var wanted = creator.Trim();
        for (var block = 0x10; block <= 0xFF; block++)
        {
            if (string.Equals(GetString(new DicomTag(group, (ushort)block))?.Trim(), wanted, StringComparison.Ordinal))
            {
                return (byte)block;
            }
        }

        return null;
    }

    private byte FreeBlock(ushort group)
    {
        for (var block = 0x10; block <= 0xFF; block++)
        {
            if (!Contains(new DicomTag(group, (ushort)block)))
            {
                return (byte)block;
            }
        }

        throw new DicomException($"Private group {group:X4} has no free creator block (0010-00FF are all reserved).");
    }
}
