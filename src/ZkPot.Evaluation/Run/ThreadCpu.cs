using System.Runtime.InteropServices;

namespace ZkPot.Evaluation.Run;

/// <summary>CPU seconds the calling thread has used (Linux CLOCK_THREAD_CPUTIME_ID; elsewhere the process's, divided by nothing: an upper bound).</summary>
static partial class ThreadCpu
{
    const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var t) == 0) return t.Seconds + t.Nanoseconds * 1e-9;
        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Runs <paramref name="work"/> on this thread and returns its result with the CPU seconds it took.</summary>
    public static (T Result, double Seconds) Measure<T>(Func<T> work)
    {
        double start = Seconds();
        var result = work();
        return (result, Seconds() - start);
    }
}
