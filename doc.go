// Package empathy is the root of a library for programs that must judge or
// write a reply to an upset customer: a helpdesk that scores agents'
// drafts, a QA job that reviews a million conversations overnight, a
// chatbot guardrail.
//
// The library is three packages, each usable on its own, with
// dependencies pointing one way:
//
//   - [github.com/empathy-go/empathy/phrases] turns text into tokens with
//     byte offsets, normalised forms and stems, and finds thousands of
//     labelled phrase patterns in one linear pass. Start here for text
//     machinery.
//   - [github.com/empathy-go/empathy/rubric] builds composable rubrics
//     (expected and avoided phrases, weights, critical items, criteria
//     that do not apply) and scores texts against them, with evidence.
//   - [github.com/empathy-go/empathy/deescalate] is the domain: the
//     catalogue of de-escalation techniques and anti-patterns, the default
//     rubric, customer-anger assessment, conversation review, reply
//     composition and rewrites.
//
// Start with deescalate.Evaluate to score a reply (see the example below),
// deescalate.Assess to gauge an upset customer, deescalate.Compose to
// write a reply and deescalate.Rewrite to fix a draft, and the programs
// in the examples directory: examples/lint scores reply files,
// examples/compose writes a reply, examples/autoqa reviews JSON Lines in
// bulk, and examples/playground serves a web page to try it all. The
// README walks through them in five minutes.
//
// This package holds no code; it exists for this overview and its example.
package empathy
