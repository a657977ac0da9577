using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using ZkPot.Circuits;
using ZkPot.Grains.Services;
using ZkPot.Gpu;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Formats;

namespace ZkPot.Grains.Tests;

/// <summary>
/// A silo proves on the engine its role names, and the proof result and the proofs metric report the engine that
/// actually ran: the GPU kernels here run on ILGPU's CPU accelerator; a GPU silo without a CUDA device falls back to
/// the CPU and says so (it used to report "gpu" and prove on the CPU).
/// </summary>
public class SiloProverTests
{
    static readonly InMemoryContentStore Store = new();

    static readonly Lazy<(ProveRequest Request, TaskContext Task, Snark.Groth16.VerifyingKey Vk)> Setup = new(() =>
    {
        var spec = new TaskSpec
        {
            TaskId = SHA256.HashData("zkpot/tests/silo-prover"u8), Hidden = 1, TestSamples = 2, TestSeed = 3, DataSeed = 3, Participants = 1,
        };
        var task = TaskContext.For(spec);
        var zkey = task.Task.DevelopmentKey();
        using var bytes = new MemoryStream();
        ZKeyWriter.Write(zkey, bytes);
        var request = new ProveRequest
        {
            Round = 1, Model = ModelCodec.ToMessage(task.Quantize(task.InitialModel())), Mask = ProofCodec.FieldBytes(Fr.FromUInt64(7)),
            ZKeyCid = Store.Put(bytes.ToArray()).ToString(), Task = spec, ParticipantId = new string('a', 40),
        };
        return (request, task, AccuracyTask.VerifyingKeyOf(zkey));
    });

    [Theory]
    [InlineData(false, "gpu", "cpu")] // a silo without a GPU proves on the CPU whatever engine it names
    [InlineData(true, "ilgpu-cpu", "ilgpu-cpu")]
    public void A_silo_proves_on_its_engine_and_the_result_and_metric_name_it(bool gpu, string engine, string expected)
    {
        var (request, task, vk) = Setup.Value;
        var engines = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "zkpot.proofs.generated") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "engine") lock (engines) engines.Add(tag.Value as string);
        });
        listener.Start();

        using var prover = new SiloProver(new SiloRole("silo-a", gpu, "owner0", engine));
        var result = LocalProver.Prove(request, Store, prover, "silo-a");

        Assert.Equal(expected, result.Engine);
        Assert.Equal(expected, prover.EngineName);
        lock (engines) Assert.Contains(expected, engines);
        var statement = new AccuracyStatement(task.Task.IdField, 1, AccuracyStatement.IdToField(Convert.FromHexString(request.ParticipantId)), result.Correct);
        Assert.True(AccuracyTask.Verify(vk, statement, ProofCodec.Decode(result.Proof)), $"the {expected} engine's proof does not verify");
    }

    [Fact]
    public void A_gpu_silo_on_auto_reports_gpu_only_with_a_cuda_device()
    {
        using var prover = new SiloProver(new SiloRole("silo-g", Gpu: true, Owner: "owner0"));
        Assert.Equal(GpuDevice.CudaAvailable ? "gpu" : "cpu", prover.EngineName);
    }
}
