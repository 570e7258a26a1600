using System.Text;
using System.Text.RegularExpressions;

namespace Hydra.Cli.Tests.Support;

/// <summary>
/// A thread-safe text sink for a command's stderr that a test can wait on: <see cref="WaitForAsync"/> completes when
/// the text written so far matches, as a person reading the terminal would react to a prompt.
/// </summary>
public sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public Task<Match> WaitForAsync(Regex pattern)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_text)
        {
            _waiters.Add((pattern, found));
            Check();
        }

        return found.Task;
    }

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
            Check();
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
            Check();
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_text)
        {
            _text.Append(buffer, index, count);
            Check();
        }
    }

    private void Check()
    {
        var text = _text.ToString();
        foreach (var waiter in _waiters.ToList())
        {
            if (waiter.Pattern.Match(text) is { Success: true } match)
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(match);
            }
        }
    }
}
