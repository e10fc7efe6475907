// Package twcsjsonl builds autoqa input from the twcs development data set
// (../shared/data/twcs/conversations.json: real Twitter customer-care
// conversations), for benchmarks. It is not part of the library, and the
// data it reads must never be copied into the project: it is read from
// beside the checkout and written to a temporary file.
//
// Each conversation of the data set gives, in this order:
//
//   - one "message" line per customer tweet, alone;
//   - one "reply" line per agent tweet, the dialogue's and the final reply
//     (agentURL.url_utterance), with the customer tweets since the previous
//     agent tweet as "customer" context (omitted when there are none);
//   - one "turns" line: the whole conversation, the final reply included.
//
// Replies and conversations carry the company as "agent". The whole set is
// repeated until the output is large enough; ids are unique across
// replicas ("m3-<session>-<turn>", "r3-...", "c3-<session>").
package twcsjsonl

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Turn is one tweet of a conversation.
type Turn struct {
	Role string `json:"role"` // "customer" or "agent"
	Text string `json:"text"`
}

// Conversation is one conversation of the data set, its final agent reply
// included as the last turn.
type Conversation struct {
	Session string
	Company string
	Turns   []Turn
}

// Load reads the data set's conversations.json.
func Load(path string) ([]Conversation, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var src []struct {
		AgentURL struct {
			Utterance string `json:"url_utterance"`
		} `json:"agentURL"`
		Dialog []struct {
			Client  *string `json:"client"`
			Client1 *string `json:"client1"`
			Agent   *string `json:"agent"`
			Message string  `json:"message"`
		} `json:"dialogContent"`
		Header struct {
			Company string `json:"company"`
			Session string `json:"sessionID"`
		} `json:"dialogHeader"`
	}
	if err := json.Unmarshal(raw, &src); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	convs := make([]Conversation, 0, len(src))
	for _, s := range src {
		c := Conversation{Session: s.Header.Session, Company: s.Header.Company}
		for _, d := range s.Dialog {
			role := "customer"
			if d.Agent != nil {
				role = "agent"
			}
			c.Turns = append(c.Turns, Turn{Role: role, Text: d.Message})
		}
		if s.AgentURL.Utterance != "" {
			c.Turns = append(c.Turns, Turn{Role: "agent", Text: s.AgentURL.Utterance})
		}
		if len(c.Turns) > 0 {
			convs = append(convs, c)
		}
	}
	if len(convs) == 0 {
		return nil, errors.New(path + ": no conversations")
	}
	return convs, nil
}

// Counts describes what Write wrote.
type Counts struct {
	Bytes         int64 `json:"bytes"`
	Lines         int   `json:"lines"`
	Replies       int   `json:"replies"`
	Messages      int   `json:"messages"`
	Conversations int   `json:"conversations"`
	Replicas      int   `json:"replicas"`
}

func (c Counts) String() string {
	return fmt.Sprintf("%d bytes (%.1f MB), %d lines: %d replies, %d messages, %d conversations (%d replicas)",
		c.Bytes, float64(c.Bytes)/1e6, c.Lines, c.Replies, c.Messages, c.Conversations, c.Replicas)
}

type replyLine struct {
	ID       string `json:"id"`
	Agent    string `json:"agent"`
	Reply    string `json:"reply"`
	Customer string `json:"customer,omitempty"`
}

type messageLine struct {
	ID      string `json:"id"`
	Message string `json:"message"`
}

type conversationLine struct {
	ID    string `json:"id"`
	Agent string `json:"agent"`
	Turns []Turn `json:"turns"`
}

// Write writes whole replicas of convs to w as autoqa input until at least
// minBytes are written (one replica when minBytes <= 0).
func Write(w io.Writer, convs []Conversation, minBytes int64) (Counts, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	var c Counts
	line := func(v any) error {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		data = append(data, '\n')
		n, err := bw.Write(data)
		c.Bytes += int64(n)
		c.Lines++
		return err
	}
	for k := 0; c.Replicas == 0 || c.Bytes < minBytes; k++ {
		for _, cv := range convs {
			for i, t := range cv.Turns {
				if t.Role != "customer" {
					continue
				}
				if err := line(messageLine{ID: fmt.Sprintf("m%d-%s-%d", k, cv.Session, i), Message: t.Text}); err != nil {
					return c, err
				}
				c.Messages++
			}
			var context []string
			for i, t := range cv.Turns {
				if t.Role == "customer" {
					context = append(context, t.Text)
					continue
				}
				r := replyLine{ID: fmt.Sprintf("r%d-%s-%d", k, cv.Session, i), Agent: cv.Company, Reply: t.Text, Customer: strings.Join(context, "\n")}
				if err := line(r); err != nil {
					return c, err
				}
				c.Replies++
				context = context[:0]
			}
			if err := line(conversationLine{ID: fmt.Sprintf("c%d-%s", k, cv.Session), Agent: cv.Company, Turns: cv.Turns}); err != nil {
				return c, err
			}
			c.Conversations++
		}
		c.Replicas++
	}
	return c, bw.Flush()
}
