namespace ZkPot.Grains.Services;

/// <summary>What this silo is: its name, whether it has a GPU, and which organisation owns it (silo metadata keys "gpu" and "owner").</summary>
/// <param name="Engine">
/// The prover engine a GPU silo asks for: "auto" (CUDA when a device is present, else the CPU code), "gpu" (CUDA or
/// fail) or "ilgpu-cpu" (the GPU kernels on ILGPU's CPU accelerator, for tests). A silo without a GPU proves on the CPU.
/// </param>
public sealed record SiloRole(string Name, bool Gpu, string Owner, string Engine = "auto")
{
    public const string GpuKey = "gpu";
    public const string OwnerKey = "owner";

    public Dictionary<string, string> Metadata() => new() { [GpuKey] = Gpu ? "true" : "false", [OwnerKey] = Owner };

    /// <summary>The owner part of a participant or prover grain key "owner/pN".</summary>
    public static string OwnerOf(string grainKey)
    {
        int slash = grainKey.IndexOf('/');
        return slash > 0 ? grainKey[..slash] : throw new ArgumentException($"grain key '{grainKey}' has no owner prefix (expected owner/name)", nameof(grainKey));
    }
}
