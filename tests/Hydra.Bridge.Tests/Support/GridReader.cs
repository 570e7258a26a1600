using Hydra.Bridge.Contract;
using Hydra.CertsDev;
using Hydra.Cluster.Containers;
using Hydra.Dicom;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Bridge.Tests.Support;

/// <summary>What a grid reader does: list, fetch ciphertext from the bridge, rebuild the key with its own credential, decrypt.</summary>
public static class GridReader
{
    public static TlsCredential ProxyOf(DevPki pki, string user)
    {
        var proxy = pki.CreateProxy(new ProxyRequest { User = user, Lifetime = TimeSpan.FromHours(1) });
        return new TlsCredential(proxy.Chain, proxy.PrivateKey);
    }

    public static TlsCredential CertificateOf(DevPki pki, string user)
    {
        var credential = pki.User(user);
        return new TlsCredential([credential.Certificate], credential.PrivateKey);
    }

    /// <summary>Downloads and decrypts one image as <paramref name="credential"/>; returns the plaintext DICOM bytes.</summary>
    public static async Task<byte[]> ReadImageAsync(
        TestBridge bridge, TestCluster cluster, TlsCredential credential, ImageSummary image)
    {
        var client = bridge.ConnectReader(credential);
        using var ciphertext = new MemoryStream();
        await using (var stream = await client.OpenObjectAsync(image.SopInstanceUid, CancellationToken.None).DefaultTimeout())
        {
            await stream.CopyToAsync(ciphertext).DefaultTimeout();
        }

        ciphertext.Position = 0;
        using var key = await cluster.Connect(credential).GetKeyAsync(KeyId.Parse(image.KeyId), CancellationToken.None).DefaultTimeout();
        using var plaintext = new MemoryStream();
        await ContainerCipher.DecryptAsync(ciphertext, plaintext, key.KeyMemory, CancellationToken.None).DefaultTimeout();
        return plaintext.ToArray();
    }

    public static DicomFile Parse(byte[] data) => DicomFile.Read(data);
}
