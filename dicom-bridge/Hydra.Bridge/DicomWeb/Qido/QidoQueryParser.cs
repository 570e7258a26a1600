using System.Globalization;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// Parses the raw query string of a QIDO-RS request (PS3.18 8.3.4) within hard limits: <c>{attributeID}={value}</c>
/// keys (PS3.6 keyword or 8 hex digits), <c>includefield</c>, <c>limit</c>, <c>offset</c>, <c>fuzzymatching</c>,
/// <c>emptyvaluematching</c>, <c>multiplevaluematching</c>. Errors name the parameter, never its value.
/// </summary>
internal static class QidoQueryParser
{
    /// <summary>
    /// Longest query string accepted, in characters (before percent-decoding): 60 UIDs fit. Kestrel refuses a request
    /// line over 8 KiB itself (HTTP/2: the stream is reset).
    /// </summary>
    public const int MaxQueryLength = 4096;

    /// <summary>Most parameters one query may have.</summary>
    public const int MaxParameters = 64;

    private const int MaxIncludeFields = 256;
    private const int MaxNameInMessage = 64;

    /// <summary>The query, or null with <paramref name="error"/> for a 400 answer.</summary>
    public static QidoQuery? Parse(ReadOnlySpan<char> raw, QidoScope scope, out string? error)
    {
        error = null;
        if (raw.StartsWith("?"))
        {
            raw = raw[1..];
        }

        if (raw.Length > MaxQueryLength)
        {
            error = $"The query string is longer than {MaxQueryLength} characters.";
            return null;
        }

        var state = new State(scope);
        var count = 0;
        foreach (var range in raw.Split('&'))
        {
            var parameter = raw[range];
            if (parameter.IsEmpty)
            {
                continue;
            }

            if (++count > MaxParameters)
            {
                error = $"The query has more than {MaxParameters} parameters.";
                return null;
            }

            var equals = parameter.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? parameter.ToString() : parameter[..equals].ToString());
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(parameter[(equals + 1)..].ToString());
            error = state.Add(name, value);
            if (error is not null)
            {
                return null;
            }
        }

        return state.Build();
    }

    /// <summary>A parameter name fit for an error message: as sent, cut short.</summary>
    internal static string Quote(string name) =>
        "'" + (name.Length > MaxNameInMessage ? name[..MaxNameInMessage] + "..." : name) + "'";

    /// <summary>A keyword of the PS3.6 dictionary or 8 hex digits (PS3.18 8.3.4.1 attribute-id).</summary>
    internal static bool TryResolve(string name, out DicomTag tag)
    {
        tag = default;
        if (name.Length == 8 && name.All(char.IsAsciiHexDigit))
        {
            return DicomTag.TryParse(name, out tag);
        }

        if (name.Length > 0 && DicomDictionary.FindByKeyword(name) is { IsPattern: false } entry && entry.Keyword.Length > 0)
        {
            tag = entry.Tag;
            return true;
        }

        return false;
    }

    private sealed class State(QidoScope scope)
    {
        private readonly Dictionary<QidoLevel, DicomDataset> _keys = [];
        private readonly HashSet<DicomTag> _keyTags = [];
        private readonly HashSet<DicomTag> _includeFields = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _warnings = [];
        private bool _includeAll;
        private int? _limit;
        private int _offset;

        public string? Add(string name, string value) => name switch
        {
            "includefield" => AddIncludeFields(value),
            "limit" => Once(name) ?? ParseCount(name, value, out var limit) ?? SetLimit(limit),
            "offset" => Once(name) ?? ParseCount(name, value, out var offset) ?? SetOffset(offset),
            "fuzzymatching" => Once(name) ?? Flag(name, value, QidoWarnings.FuzzyMatching),
            "emptyvaluematching" => Once(name) ?? Flag(name, value, QidoWarnings.EmptyValueMatching),
            "multiplevaluematching" => Once(name) ?? Flag(name, value, QidoWarnings.MultipleValueMatching),
            _ => AddKey(name, value),
        };

        public QidoQuery Build() => new(_keys, _keyTags, _includeAll, _includeFields, _limit, _offset, _warnings);

        private string? Once(string name) =>
            _seen.Add(name) ? null : $"The query parameter {Quote(name)} is given more than once.";

        private string? SetLimit(int limit)
        {
            // limit=0 asks for no particular limit: the server's maximum applies, as when limit is absent.
            _limit = limit == 0 ? null : limit;
            return null;
        }

        private string? SetOffset(int offset)
        {
            _offset = offset;
            return null;
        }

        private string? Flag(string name, string value, string warning)
        {
            switch (value)
            {
                case "false":
                    return null;
                case "true":
                    _warnings.Add(warning);
                    return null;
                default:
                    return $"The query parameter {Quote(name)} must be true or false.";
            }
        }

        // A count beyond int.MaxValue is as good as infinite; anything but digits is refused.
        private static string? ParseCount(string name, string value, out int count)
        {
            count = 0;
            if (value.Length == 0 || !value.All(char.IsAsciiDigit))
            {
                return $"The query parameter {Quote(name)} must be a non-negative integer.";
            }

            count = value.Length > 10 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? int.MaxValue
                : parsed;
            return null;
        }

        private string? AddIncludeFields(string value)
        {
            foreach (var field in value.Split(','))
            {
                if (field == "all")
                {
                    _includeAll = true;
                }
                else if (!TryResolve(field, out var tag))
                {
                    return $"includefield names an unknown attribute {Quote(field)} (a PS3.6 keyword or 8 hex digits).";
                }
                else if (_includeFields.Count >= MaxIncludeFields)
                {
                    return $"includefield names more than {MaxIncludeFields} attributes.";
                }
                else
                {
                    _includeFields.Add(tag);
                }
            }

            return null;
        }

        private string? AddKey(string name, string value)
        {
            if (name.Contains('.', StringComparison.Ordinal))
            {
                return $"The key {Quote(name)} asks for sequence matching, which this server does not support: its catalog holds no sequences.";
            }

            if (!TryResolve(name, out var tag))
            {
                return $"Unknown query parameter or attribute {Quote(name)} (a PS3.6 keyword or 8 hex digits).";
            }

            if (QidoAttributes.KeyLevel(tag, scope.Level) is not { } level)
            {
                return $"{Quote(name)} is not a matching key for a search of {scope.Describe()}.";
            }

            if (!_keyTags.Add(tag))
            {
                return $"The key {Quote(name)} is given more than once.";
            }

            var vr = DicomDictionary.Find(tag)!.VR;
            if (QidoValueRules.Normalize(vr, value, out var problem) is not { } normalized)
            {
                return $"The value of {Quote(name)} {problem}.";
            }

            if (!_keys.TryGetValue(level, out var identifier))
            {
                _keys[level] = identifier = new DicomDataset();
            }

            identifier.SetString(tag, vr, normalized);
            return null;
        }
    }
}
