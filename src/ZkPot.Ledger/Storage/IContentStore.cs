namespace ZkPot.Ledger.Storage;

/// <summary>Content-addressed blob store: a blob is named by its CID, and every read re-hashes the bytes against the name.</summary>
public interface IContentStore
{
    /// <summary>Stores the content (idempotent) and returns its CID.</summary>
    Cid Put(ReadOnlySpan<byte> content);

    /// <summary>Returns the content; throws KeyNotFoundException when absent and InvalidDataException when the stored bytes no longer match the CID.</summary>
    byte[] Get(Cid cid);

    /// <summary>False when absent; throws InvalidDataException when the stored bytes no longer match the CID.</summary>
    bool TryGet(Cid cid, out byte[] content);

    bool Contains(Cid cid);
}
