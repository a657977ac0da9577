namespace ZkPot.Snark.Tests.Setup;

/// <summary>A fresh folder for the files one setup test writes, removed when the test ends.</summary>
internal sealed class SetupTempDirectory : IDisposable
{
    public SetupTempDirectory() => Directory.CreateDirectory(PathName);

    public string PathName { get; } = Path.Combine(Path.GetTempPath(), "zkpot-setup-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => Path.Combine(PathName, name);

    public void Dispose()
    {
        if (Directory.Exists(PathName))
            Directory.Delete(PathName, recursive: true);
    }
}
