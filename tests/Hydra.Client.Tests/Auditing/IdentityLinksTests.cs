using Hydra.Client.Auditing;
using Hydra.Testing;

namespace Hydra.Client.Tests.Auditing;

/// <summary>The identity links file: what it links, and every kind of bad file refused with the entry at fault.</summary>
public sealed class IdentityLinksTests
{
    private const string AliceDn = "/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader";
    private const string AliceToken = "oidc:https://iam.example/#alice";

    private static string File(string people) => "{\"people\":[" + people + "]}";

    private static string Person(string name, params string[] principals) =>
        $"{{\"name\":\"{name}\",\"principals\":[{string.Join(",", principals.Select(p => "\"" + p + "\""))}]}}";

    [Fact]
    public void Parse_ValidFile_LinksEachPrincipalToItsPerson_AndNothingElse()
    {
        var links = IdentityLinks.Parse(File(Person("Alice Reader", "dn:" + AliceDn, AliceToken) + "," + Person("Bob", "oidc:https://iam.example/#bob")));

        Assert.Equal(["Alice Reader", "Bob"], links.People.Select(p => p.Name));
        Assert.Equal("Alice Reader", links.PersonOf(AliceDn)?.Name);
        Assert.Equal("Alice Reader", links.PersonOf(AliceToken)?.Name);
        Assert.Equal("Bob", links.PersonOf("oidc:https://iam.example/#bob")?.Name);
        // Look-alikes: the same CN elsewhere, the same sub at another issuer, the sub text as a DN, a refused token.
        Assert.Null(links.PersonOf("/DC=org/DC=other/CN=Alice Reader"));
        Assert.Null(links.PersonOf("oidc:https://other.example/#alice"));
        Assert.Null(links.PersonOf("oidc:https://iam.example/#Alice"));
        Assert.Null(links.PersonOf("/CN=alice"));
        Assert.Null(links.PersonOf("oidc:?"));
        Assert.Null(IdentityLinks.None.PersonOf(AliceDn));
    }

    [Fact]
    public void Load_File_ReadsIt_AndNamesTheFileInErrors()
    {
        using var folder = new TempDirectory("hydra-links");
        var good = folder.Combine("good.json");
        var bad = folder.Combine("bad.json");
        System.IO.File.WriteAllText(good, File(Person("Alice Reader", "dn:" + AliceDn)));
        System.IO.File.WriteAllText(bad, "{\"people\": [\n  {\"name\": \"Alice\",\n   \"principals\": [\"dn:/CN=A\"]\n  },\n  oops\n]}");

        var links = IdentityLinks.Load(good);
        var error = Assert.Throws<FormatException>(() => IdentityLinks.Load(bad));

        Assert.Equal("Alice Reader", links.PersonOf(AliceDn)?.Name);
        Assert.StartsWith(bad + ": line 5,", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "the document must be an object")]
    [InlineData("{\"people\":[],\"extra\":1}", "the document has an unknown property \"extra\"")]
    [InlineData("{\"people\":{}}", "the document needs \"people\"")]
    [InlineData("{\"people\":[]}", "\"people\" is empty")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"name\":\"B\",\"principals\":[\"dn:/CN=A\"]}]}", "line 1, byte")]
    [InlineData("{\"people\":[\"Alice\"]}", "people[0] must be an object")]
    [InlineData("{\"people\":[{\"principals\":[\"dn:/CN=A\"]}]}", "people[0] needs \"name\"")]
    [InlineData("{\"people\":[{\"name\":\" \",\"principals\":[\"dn:/CN=A\"]}]}", "people[0] needs a name of 1 to 200 characters")]
    [InlineData("{\"people\":[{\"name\":\"/CN=A\",\"principals\":[\"dn:/CN=A\"]}]}", "people[0] has the name '/CN=A', which reads as a principal")]
    [InlineData("{\"people\":[{\"name\":\"patient:HYD-01\",\"principals\":[\"dn:/CN=A\"]}]}", "people[0] has the name 'patient:HYD-01', which reads as a principal")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[]}]}", "people[0] \"A\" needs \"principals\"")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[\"dn:/CN=A\"],\"role\":\"x\"}]}", "people[0] has an unknown property \"role\"")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[\"fqan:/hospital\"]}]}", "people[0] \"A\" principals[0] is fqan:/hospital; only dn: and oidc:")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[\"any\"]}]}", "people[0] \"A\" principals[0] is any;")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[\"CN=A\"]}]}", "people[0] \"A\" principals[0] Principal 'CN=A' must start with")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[\"oidc:iam#alice\"]}]}", "people[0] \"A\" principals[0]")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[7]}]}", "people[0] \"A\" principals[0] must be a string")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[\"dn:/CN=A\",\"dn:/CN=A\"]}]}", "people[0] \"A\" lists dn:/CN=A twice")]
    [InlineData("{\"people\":[{\"name\":\"A\",\"principals\":[\"dn:/CN=A\"]},{\"name\":\"a\",\"principals\":[\"dn:/CN=B\"]}]}",
        "people[1] \"a\" has the name of people[0] \"A\"")]
    public void Parse_BadFile_IsRefusedNamingTheEntry(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => IdentityLinks.Parse(json, "links.json"));

        Assert.StartsWith("links.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PrincipalUnderTwoPeople_IsRefusedNamingBoth()
    {
        var json = File(Person("Alice Reader", "dn:" + AliceDn, AliceToken) + "," + Person("Alice R.", AliceToken));

        var error = Assert.Throws<FormatException>(() => IdentityLinks.Parse(json, "links.json"));

        Assert.Equal($"links.json: people[1] \"Alice R.\" lists {AliceToken}, which people[0] \"Alice Reader\" lists too; "
            + "a principal belongs to one person.", error.Message);
    }

    [Fact]
    public void Parse_SameDnSpelledDifferently_IsOnePrincipal()
    {
        // DNs compare as access checks compare them: case and runs of spaces in values do not make another principal.
        var json = File(Person("A", "dn:/DC=org/CN=Alice Reader") + "," + Person("B", "dn:/DC=org/CN=alice  reader"));

        var error = Assert.Throws<FormatException>(() => IdentityLinks.Parse(json, "links.json"));

        Assert.Equal("links.json: people[1] \"B\" lists dn:/DC=org/CN=alice  reader, which people[0] \"A\" lists too "
            + "(as dn:/DC=org/CN=Alice Reader); a principal belongs to one person.", error.Message);
    }
}
