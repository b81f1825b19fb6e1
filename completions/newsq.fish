# fish completion for newsq.
#
# A thin wrapper: `newsq __complete` works out what fits under the cursor from newsq's
# own command table and from the archive (keywords, sources, article ids with their
# headlines); this function hands it the tokens typed so far and prints the answer.
# Install: `newsq completion --help`.

function __newsq_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct | string unescape)
    set -l prog $tokens[1]
    type -q -- $prog; or set prog newsq
    set -l reply (command $prog __complete fish ":"$tokens ":$current" 2>/dev/null)
    set -q reply[1]; or return
    set -l head (string split \t -- $reply[1])
    switch " $head[1] "
        case '* dirs *'
            for p in (__fish_complete_directories "$head[3]")
                printf '%s%s\n' "$head[2]" $p
            end
        case '* files *'
            for p in (__fish_complete_path "$head[3]")
                printf '%s%s\n' "$head[2]" $p
            end
        case '*'
            printf '%s\n' $reply[2..-1]
    end
end

complete -c newsq -f -a '(__newsq_complete)'
