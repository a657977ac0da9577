using System.Text;
using Azure.Storage.Blobs;
using ZkPot.Grains.Hosting;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Tests;

public sealed class BlobContentStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    BlobContainerClient Container() => azurite.Blobs.GetBlobContainerClient("content-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Put_then_get_returns_the_bytes_under_their_cid()
    {
        var store = new BlobContentStore(Container());
        byte[] model = Encoding.UTF8.GetBytes("a quantized model");
        var cid = store.Put(model);
        Assert.Equal(Cid.Of(model), cid);
        Assert.True(store.Contains(cid));
        Assert.Equal(model, store.Get(cid));
    }

    [Fact]
    public void Put_is_idempotent_and_a_second_store_on_the_same_container_sees_the_blob()
    {
        var container = Container();
        var first = new BlobContentStore(container);
        byte[] bytes = [1, 2, 3, 4];
        var a = first.Put(bytes);
        var b = first.Put(bytes);
        Assert.Equal(a, b);
        Assert.Single(container.GetBlobs());
        var second = new BlobContentStore(azurite.Blobs.GetBlobContainerClient(container.Name));
        Assert.True(second.TryGet(a, out var read));
        Assert.Equal(bytes, read);
    }

    [Fact]
    public void Missing_blob_is_absent_and_get_names_it()
    {
        var store = new BlobContentStore(Container());
        var cid = Cid.Of([9, 9, 9]);
        Assert.False(store.Contains(cid));
        Assert.False(store.TryGet(cid, out var content));
        Assert.Empty(content);
        var e = Assert.Throws<KeyNotFoundException>(() => store.Get(cid));
        Assert.Contains(cid.ToString(), e.Message);
    }

    [Fact]
    public void A_blob_changed_behind_the_store_is_caught_on_read()
    {
        var container = Container();
        var store = new BlobContentStore(container);
        var cid = store.Put(Encoding.UTF8.GetBytes("honest update"));
        container.GetBlobClient(cid.ToString()).Upload(new BinaryData(Encoding.UTF8.GetBytes("forged update")), overwrite: true);
        var e = Assert.Throws<InvalidDataException>(() => store.Get(cid));
        Assert.Contains("corrupted", e.Message);
    }
}
