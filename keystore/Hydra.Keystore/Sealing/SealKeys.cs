using System.Security.Cryptography;
using System.Text;

namespace Hydra.Keystore.Sealing;

/// <summary>Opens the seal key that settings name; every failure is a <see cref="SealException"/> naming what is wrong.</summary>
public static class SealKeys
{
    /// <summary>
    /// Opens the key: reads the key file (a missing one is created when a new data key is wrapped), or loads the PKCS#11
    /// module, finds the token, logs in and finds the key. <paramref name="settings"/> must have passed validation.
    /// </summary>
    public static ISealKey Open(SealSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ParsedKind == SealKind.KeyFile)
        {
            return KeyFileSealKey.Open(settings.KeyFile);
        }

        var pin = ReadPin(settings);
        try
        {
            return Pkcs11SealKey.Open(settings, pin, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pin);
        }
    }

    private static byte[] ReadPin(SealSettings settings)
    {
        byte[] pin;
        string source;
        if (settings.PinFile.Length > 0)
        {
            source = $"the PIN file '{settings.PinFile}'";
            pin = SecretFiles.ReadPrivate(settings.PinFile, "PIN file");
        }
        else
        {
            source = $"the environment variable '{settings.PinEnvironmentVariable}'";
            pin = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(settings.PinEnvironmentVariable) ?? string.Empty);
        }

        // A file written by an editor or echo ends with a newline that is not part of the PIN.
        var length = pin.Length;
        while (length > 0 && pin[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        if (length == 0)
        {
            throw new SealException($"No PIN in {source}.");
        }

        var trimmed = pin[..length];
        CryptographicOperations.ZeroMemory(pin);
        return trimmed;
    }
}
