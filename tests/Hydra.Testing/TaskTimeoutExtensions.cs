using System.Runtime.CompilerServices;

namespace Hydra.Testing;

/// <summary>Bounds every await in a test so a bug fails the test instead of hanging CI.</summary>
public static class TaskTimeoutExtensions
{
    /// <summary>The default bound: generous for a 2-core CI machine under parallel test load.</summary>
    public static readonly TimeSpan DefaultTimeoutSpan = TimeSpan.FromSeconds(60);

    public static Task DefaultTimeout(
        this Task task,
        [CallerFilePath] string? filePath = null,
        [CallerLineNumber] int lineNumber = 0) => task.TimeoutAfter(DefaultTimeoutSpan, filePath, lineNumber);

    public static Task<T> DefaultTimeout<T>(
        this Task<T> task,
        [CallerFilePath] string? filePath = null,
        [CallerLineNumber] int lineNumber = 0) => task.TimeoutAfter(DefaultTimeoutSpan, filePath, lineNumber);

    public static async Task TimeoutAfter(this Task task, TimeSpan timeout, string? filePath = null, int lineNumber = 0)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout} at {filePath}:{lineNumber}.");
        }
    }

    public static async Task<T> TimeoutAfter<T>(this Task<T> task, TimeSpan timeout, string? filePath = null, int lineNumber = 0)
    {
        try
        {
            return await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout} at {filePath}:{lineNumber}.");
        }
    }
}
