using System.Text;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

public sealed class ContentStoreTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "zkpot-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // CIDs as IPFS prints them for raw blocks (`ipfs add --cid-version 1 --raw-leaves`), as published by projects using them.
    [Theory]
    [InlineData("", "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")]
    [InlineData("hello", "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq")]
    [InlineData("Hello world", "bafkreide5semuafsnds3ugrvm6fbwuyw2ijpj43gwjdxemstjkfozi37hq")]
    public void Cid_matches_the_published_ipfs_cid(string content, string expected)
    {
        var cid = Cid.Of(Encoding.ASCII.GetBytes(content));
        Assert.Equal(expected, cid.ToString());
        Assert.Equal(cid, Cid.Parse(expected));
    }

    [Fact]
    public void Cid_binary_form_is_version_codec_multihash_then_digest()
    {
        byte[] bytes = Cid.Of([]).ToBytes();
        Assert.Equal(36, bytes.Length);
        Assert.Equal(new byte[] { 0x01, 0x55, 0x12, 0x20 }, bytes[..4]);
    }

    [Theory]
    [InlineData("Bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")]
    [InlineData("bAFKREIHDWDCEFGH4DQKJV67UZCMW7OJEE6XEDZDETOJUZJEVTENXQUVYKU")]
    [InlineData("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")]
    [InlineData("bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")]
    [InlineData("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk")]
    public void Cid_parse_refuses_other_shapes(string text) => Assert.Throws<FormatException>(() => Cid.Parse(text));

    [Fact]
    public void Memory_store_returns_what_was_put_and_catches_corruption()
    {
        var store = new InMemoryContentStore();
        var cid = store.Put("model bytes"u8);
        Assert.Equal("model bytes"u8.ToArray(), store.Get(cid));
        Assert.Equal(cid, store.Put("model bytes"u8));
        Assert.False(store.TryGet(Cid.Of("absent"u8), out _));
        Assert.Throws<KeyNotFoundException>(() => store.Get(Cid.Of("absent"u8)));
        store.CorruptForTest(cid, "other bytes"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => store.Get(cid));
    }

    [Fact]
    public void File_store_writes_one_file_named_by_cid_and_leaves_no_temporary_file()
    {
        var store = new FileSystemContentStore(_dir);
        var cid = store.Put("weights"u8);
        Assert.Equal(cid, store.Put("weights"u8));
        Assert.Equal([cid.ToString()], Directory.GetFiles(_dir).Select(Path.GetFileName));
        Assert.Equal("weights"u8.ToArray(), new FileSystemContentStore(_dir).Get(cid));
    }

    [Fact]
    public void File_store_detects_a_blob_changed_on_disk()
    {
        var store = new FileSystemContentStore(_dir);
        var cid = store.Put("weights"u8);
        File.WriteAllBytes(Path.Combine(_dir, cid.ToString()), "tampered"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => store.Get(cid));
        Assert.Contains(cid.ToString(), e.Message);
    }
}
