using ZkPot.Ledger.Storage;
using ZkPot.Snark.Formats;

namespace ZkPot.Grains.Simulation;

/// <summary>
/// The setup files an exported chain carries: the transcript its genesis commits to (setup.json), and under setup/
/// the prepared powers of tau, the circuit and the final key, so that anyone can re-check the key from scratch
/// (<c>zkpot ptau verify</c>, <c>zkpot zkey verify --ptau</c>) without the members' storage.
/// </summary>
public static class SetupFiles
{
    /// <summary>The manifest parameter naming the transcript file.</summary>
    public const string Parameter = "setup";
    public const string Transcript = "setup.json";
    public const string Folder = "setup";
    public const string Ptau = "setup/phase1.ptau";
    public const string Circuit = "setup/circuit.r1cs";
    public const string Key = "setup/task.zkey";

    public static void Export(string directory, IContentStore content, CeremonyResult setup, R1cs circuit)
    {
        Directory.CreateDirectory(Path.Combine(directory, Folder));
        if (setup.PtauCid.Length > 0)
            File.WriteAllBytes(Path.Combine(directory, Ptau), content.Get(Cid.Parse(setup.PtauCid)));
        File.WriteAllBytes(Path.Combine(directory, Key), content.Get(Cid.Parse(setup.ZKeyCid)));
        R1csWriter.Write(circuit, Path.Combine(directory, Circuit));
    }
}
