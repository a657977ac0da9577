using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Hosting;

/// <summary>
/// Content store in an Azure Blob container, one blob per CID. An upload is a single PUT that either lands whole or not
/// at all, so a crash never leaves a partial blob under a CID name; every read re-hashes the bytes against the name.
/// </summary>
public sealed class BlobContentStore : IContentStore
{
    readonly BlobContainerClient _container;

    public BlobContentStore(BlobContainerClient container)
    {
        _container = container;
        _container.CreateIfNotExists();
    }

    public string ContainerName => _container.Name;

    public Cid Put(ReadOnlySpan<byte> content)
    {
        var cid = Cid.Of(content);
        var blob = _container.GetBlobClient(cid.ToString());
        if (blob.Exists()) return cid;
        try
        {
            // If-None-Match: * makes concurrent writers of the same CID race harmlessly: they write the same bytes.
            blob.Upload(new BinaryData(content.ToArray()), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
        }
        return cid;
    }

    public byte[] Get(Cid cid) =>
        TryGet(cid, out var content) ? content : throw new KeyNotFoundException($"content store {_container.Uri}: no blob {cid}");

    public bool TryGet(Cid cid, out byte[] content)
    {
        try
        {
            content = _container.GetBlobClient(cid.ToString()).DownloadContent().Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            content = [];
            return false;
        }
        if (!cid.Matches(content)) throw new InvalidDataException($"content store {_container.Uri}: blob {cid} does not hash to its CID (corrupted)");
        return true;
    }

    public bool Contains(Cid cid) => _container.GetBlobClient(cid.ToString()).Exists();
}
