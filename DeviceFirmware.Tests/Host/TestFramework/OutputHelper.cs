// Signatures mirror nanoframework/nanoFramework.TestFramework source/TestFramework/OutputHelper.cs.
using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Writes test output, as nanoFramework's OutputHelper does (to the console).</summary>
    public static class OutputHelper
    {
        /// <summary>Writes text.</summary>
        public static void Write(string message) => Console.Write(message);

        /// <summary>Writes a line.</summary>
        public static void WriteLine(string message) => Console.WriteLine(message);
    }
}
