using System.Security.Cryptography;

namespace ZkPot.Ledger.Chain;

/// <summary>
/// Reads the files of one chain directory and nothing else: a name that leads outside it, by "..", an absolute path or
/// a symbolic link (at any level), is refused before anything is opened.
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

    string Resolve(string name, string what)
    {
        if (Path.IsPathRooted(name)) throw new InvalidDataException($"the {what} file '{name}' is an absolute path; a chain names files inside its directory");
        string full = Path.GetFullPath(Path.Combine(_root, name));
        if (!Inside(full)) throw new InvalidDataException($"the {what} file '{name}' lies outside {Directory}");
        // Each existing component is resolved, so a link inside the directory cannot point out of it.
        string real = RealPath(full);
        if (!Inside(real)) throw new InvalidDataException($"the {what} file '{name}' leads outside {Directory} through a symbolic link");
        return real;
    }

    bool Inside(string full) => full.StartsWith(_root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link among its existing components replaced by its final target.</summary>
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
