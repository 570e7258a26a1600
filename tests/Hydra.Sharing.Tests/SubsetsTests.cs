namespace Hydra.Sharing.Tests;

public sealed class SubsetsTests
{
    [Fact]
    public void Lexicographic_FiveChooseThree_YieldsAllTenInOrderStartingWithFirstThree()
    {
        var subsets = Subsets.Lexicographic(5, 3).Select(s => string.Join("", s)).ToList();

        Assert.Equal(["012", "013", "014", "023", "024", "034", "123", "124", "134", "234"], subsets);
    }

    [Fact]
    public void Lexicographic_AllOfThem_YieldsOne()
    {
        Assert.Equal([[0, 1, 2]], Subsets.Lexicographic(3, 3));
    }
}
