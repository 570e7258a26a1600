namespace Hydra.Access;

/// <summary>
/// The short text form of permissions used by the CLI, after gLite's <c>glite-eds-chmod</c> letters:
/// <c>g</c> get-share, <c>d</c> delete, <c>r</c> read-acl, <c>w</c> write-acl (e.g. <c>gr</c>).
/// </summary>
public static class KeyPermissionsText
{
    public static string Format(KeyPermissions permissions)
    {
        Span<char> text = stackalloc char[4];
        var length = 0;
        if (permissions.HasFlag(KeyPermissions.GetShare))
        {
            text[length++] = 'g';
        }

        if (permissions.HasFlag(KeyPermissions.Delete))
        {
            text[length++] = 'd';
        }

        if (permissions.HasFlag(KeyPermissions.ReadAcl))
        {
            text[length++] = 'r';
        }

        if (permissions.HasFlag(KeyPermissions.WriteAcl))
        {
            text[length++] = 'w';
        }

        return length == 0 ? "-" : new string(text[..length]);
    }

    public static KeyPermissions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var permissions = KeyPermissions.None;
        foreach (var letter in text)
        {
            permissions |= letter switch
            {
                'g' => KeyPermissions.GetShare,
                'd' => KeyPermissions.Delete,
                'r' => KeyPermissions.ReadAcl,
                'w' => KeyPermissions.WriteAcl,
                _ => throw new FormatException(
                    $"Permission letter '{letter}' in '{text}' is unknown; use g (get-share), d (delete), r (read-acl), w (write-acl)."),
            };
        }

        if (permissions == KeyPermissions.None)
        {
            throw new FormatException("Permissions are empty; use letters g, d, r, w.");
        }

        return permissions;
    }
}
