using System;
using System.Collections.Generic;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// A command whose arguments have been checked (nothing sent yet): its name and its conversation
/// with one device. The same prepared command runs against one device or against every device of a
/// fleet, each with its own <see cref="Conversation"/>.
/// </summary>
public sealed class PreparedCommand
{
    private readonly Func<Conversation, IEnumerable<MmsStep>> _converse;

    /// <summary>Creates the command.</summary>
    /// <param name="name">The command's name (<c>get</c>).</param>
    /// <param name="converse">Yields the requests one at a time; reads each answer from the step after resuming.</param>
    public PreparedCommand(string name, Func<Conversation, IEnumerable<MmsStep>> converse)
    {
        Name = name;
        _converse = converse;
    }

    /// <summary>The command's name.</summary>
    public string Name { get; }

    /// <summary>The conversation with one device.</summary>
    /// <exception cref="MmsCtlException">Thrown while it is enumerated, for an answer that ends it with an error.</exception>
    public IEnumerable<MmsStep> Converse(Conversation conversation) => _converse(conversation);
}
