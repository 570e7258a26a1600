using System.Globalization;
using Hydra.Dicom.Network;

namespace Hydra.Bridge.Options;

/// <summary>C-MOVE destinations as configured: <c>host:port</c>, or <c>host:port:tls</c> for DICOM TLS.</summary>
internal static class MoveDestinationText
{
    public static DicomMoveDestination Parse(string aeTitle, string text)
    {
        var parts = text.Split(':');
        var tls = parts.Length == 3 && string.Equals(parts[2], "tls", StringComparison.OrdinalIgnoreCase);
        if ((parts.Length != 2 && !tls) || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"Bridge:MoveDestinations:{aeTitle}: '{text}' is not host:port or host:port:tls.");
        }

        return new DicomMoveDestination(parts[0], port, tls);
    }
}
