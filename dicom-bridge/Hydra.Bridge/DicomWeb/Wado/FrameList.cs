using System.Globalization;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>The frame list of a frames path (PS3.18 10.4.1.1.3): comma-separated frame numbers counted from 1.</summary>
internal static class FrameList
{
    /// <summary>Most frames one request may name; more is a malformed request, not a denial of service.</summary>
    public const int MaxFrames = 10_000;

    public static bool TryParse(string text, out IReadOnlyList<int> frames)
    {
        var numbers = new List<int>();
        frames = numbers;
        foreach (var part in text.Split(','))
        {
            if (numbers.Count == MaxFrames || !TryParseOne(part, out var number))
            {
                return false;
            }

            numbers.Add(number);
        }

        return numbers.Count > 0;
    }

    public static bool TryParseOne(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1;
}
