namespace ZkPot.Ledger.Storage;

/// <summary>Content store in a directory, one file per blob named by its CID; a blob appears only by atomic rename of a complete temporary file, so a crash never leaves a partial blob under a CID name.</summary>
public sealed class FileSystemContentStore : IContentStore
{
    readonly string _directory;

    public FileSystemContentStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public string DirectoryPath => _directory;

    public Cid Put(ReadOnlySpan<byte> content)
    {
        var cid = Cid.Of(content);
        string final = PathOf(cid);
        if (File.Exists(final)) return cid;
        string temp = Path.Combine(_directory, $".tmp-{cid}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            // rename(2) replaces atomically; a concurrent writer of the same CID wrote the same bytes.
            File.Move(temp, final, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return cid;
    }

    public byte[] Get(Cid cid) =>
        TryGet(cid, out var content) ? content : throw new KeyNotFoundException($"content store {_directory}: no blob {cid}");

    public bool TryGet(Cid cid, out byte[] content)
    {
        string path = PathOf(cid);
        if (!File.Exists(path))
        {
            content = [];
            return false;
        }
        content = File.ReadAllBytes(path);
        if (!cid.Matches(content)) throw new InvalidDataException($"content store: file {path} does not hash to its CID (corrupted)");
        return true;
    }

    public bool Contains(Cid cid) => File.Exists(PathOf(cid));

    string PathOf(Cid cid) => Path.Combine(_directory, cid.ToString());
}
