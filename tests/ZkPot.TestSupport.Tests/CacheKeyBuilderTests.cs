namespace ZkPot.TestSupport.Tests;

public sealed class CacheKeyBuilderTests
{
    [Fact]
    public void Parts_are_delimited_so_shifting_a_boundary_changes_the_key()
    {
        Assert.NotEqual(new CacheKeyBuilder().Add("ab").Add("c").ToString(), new CacheKeyBuilder().Add("a").Add("bc").ToString());
    }

    [Fact]
    public void File_contents_not_path_make_the_key()
    {
        var first = Path.GetTempFileName();
        var second = Path.GetTempFileName();
        try
        {
            File.WriteAllText(first, "same");
            File.WriteAllText(second, "same");
            Assert.Equal(new CacheKeyBuilder().AddFile(first).ToString(), new CacheKeyBuilder().AddFile(second).ToString());
            File.WriteAllText(second, "different");
            Assert.NotEqual(new CacheKeyBuilder().AddFile(first).ToString(), new CacheKeyBuilder().AddFile(second).ToString());
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }
}
