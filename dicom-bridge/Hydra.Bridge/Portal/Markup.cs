using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Hydra.Bridge.Portal;

/// <summary>
/// HTML the portal has built. The only way to make one from values is <see cref="Of"/>, whose interpolation holes are
/// HTML-encoded unless they are themselves <see cref="Markup"/>: a value cannot reach a page unencoded by oversight.
/// Chosen over Razor components because five small pages need no component model, and this keeps the rule in one type.
/// </summary>
internal sealed class Markup
{
    public static readonly Markup Empty = new(string.Empty);

    private Markup(string value) => Value = value;

    public string Value { get; }

    public static Markup Of(ref MarkupHandler html) => new(html.Build());

    public static Markup Join(IEnumerable<Markup> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>Encodes text for a page (the same encoding as an interpolation hole).</summary>
    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    public override string ToString() => Value;

    [InterpolatedStringHandler]
    internal readonly ref struct MarkupHandler
    {
        private readonly StringBuilder _builder;

        public MarkupHandler(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + (formattedCount * 16));

        public void AppendLiteral(string literal) => _builder.Append(literal);

        public void AppendFormatted(Markup markup) => _builder.Append(markup.Value);

        public void AppendFormatted<T>(T value) => _builder.Append(Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));

        public void AppendFormatted<T>(T value, string format)
            where T : IFormattable => _builder.Append(Encode(value.ToString(format, CultureInfo.InvariantCulture)));

        internal string Build() => _builder.ToString();
    }
}
