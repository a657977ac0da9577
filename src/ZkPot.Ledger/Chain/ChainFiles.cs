using System.Security.Cryptography;

namespace ZkPot.Ledger.Chain;

/// <summary>
/// Reads the files of one chain directory and nothing else: a name that leads outside it by "..", an absolute path, a
/// symbolic link anywhere below the directory, or a file over <see cref="MaxFileSize"/> is refused before anything is opened.
/// </summary>
public sealed class ChainFiles
{
    readonly string _root;

    public ChainFiles(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"chain directory {directory} does not exist");
        Directory = directory;
        _root = RealPath(Path.GetFullPath(directory));
    }

    /// <summary>The directory as the caller named it (for messages).</summary>
    public string Directory { get; }

    public bool Exists(string name) => File.Exists(Resolve(name, "file"));

    /// <summary>The bytes of <paramref name="name"/> (relative to the directory); <paramref name="what"/> names it in errors.</summary>
    public byte[] Read(string name, string what)
    {
        string path = Resolve(name, what);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"the {what} file {name} is missing from {Directory}", path);
    }

    /// <summary>
    /// The file a parameter names, checked against the SHA-256 the parameter beside it records
    /// (<see cref="GenesisRecord.HashParameterOf"/>): a file with other bytes is refused as not the committed one.
    /// </summary>
    public byte[] ReadCommitted(IReadOnlyDictionary<string, string> parameters, string parameter, string what)
    {
        if (!parameters.TryGetValue(parameter, out var name)) throw new InvalidDataException($"the genesis record names no {what} (parameter '{parameter}')");
        string hashParameter = GenesisRecord.HashParameterOf(parameter);
        if (!parameters.TryGetValue(hashParameter, out var expected))
            throw new InvalidDataException($"the genesis record names the {what} file '{name}' without its SHA-256 (parameter '{hashParameter}')");
        var bytes = Read(name, what);
        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase) ? bytes
            : throw new CommittedFileMismatchException($"{name} (SHA-256 {actual}) is not the {what} the genesis record commits to ({expected})");
    }

    /// <summary>Files larger than this are refused before they are read (a chain's files are kilobytes to megabytes).</summary>
    public const long MaxFileSize = 256L << 20;

    string Resolve(string name, string what)
    {
        if (Path.IsPathRooted(name)) throw new InvalidDataException($"the {what} file '{name}' is an absolute path; a chain names files inside its directory");
        string full = Path.GetFullPath(Path.Combine(_root, name));
        if (!Inside(full)) throw new InvalidDataException($"the {what} file '{name}' lies outside {Directory}");
        // A chain directory holds plain files: a symbolic link anywhere below the root is refused, wherever it points.
        string current = _root;
        foreach (var part in full[(_root.TrimEnd(Path.DirectorySeparatorChar).Length + 1)..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = System.IO.Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null) throw new InvalidDataException($"the {what} file '{name}' passes through a symbolic link; a chain directory holds plain files");
        }
        if (File.Exists(full) && new FileInfo(full).Length > MaxFileSize)
            throw new InvalidDataException($"the {what} file '{name}' is larger than {MaxFileSize >> 20} MiB");
        return full;
    }

    bool Inside(string full) => full.StartsWith(_root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The directory's own path with symbolic links resolved (the folder a user names may be reached through one).</summary>
    static string RealPath(string full)
    {
        string root = Path.GetPathRoot(full)!;
        string current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            FileSystemInfo info = System.IO.Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is not null)
                next = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
            current = Path.GetFullPath(next);
        }
        return current;
    }
}

/// <summary>A file whose bytes are not the ones the genesis record commits to: the chain does not verify.</summary>
public sealed class CommittedFileMismatchException(string message) : Exception(message);
