# bash completion for newsq.
#
# A thin wrapper: `newsq __complete` works out what fits under the cursor from newsq's
# own command table and from the archive (keywords, sources, article ids); this function
# hands it the line up to the cursor and readline's current word, and applies the answer.
# Install: `newsq completion --help`.

_newsq_complete() {
    local prog=${COMP_WORDS[0]}
    # An alias or an unexpanded ~ cannot be run from here: use newsq from PATH.
    type -P -- "$prog" >/dev/null 2>&1 || prog=newsq
    local head line
    local -a reply=()
    {
        IFS= read -r head
        while IFS= read -r line; do reply+=("$line"); done
    } < <("$prog" __complete bash ":${COMP_LINE:0:COMP_POINT}" ":$2" 2>/dev/null)
    local flags=" ${head%%$'\t'*} "
    COMPREPLY=()
    if [[ $flags == *" dirs "* || $flags == *" files "* ]]; then
        # Paths: bash's own completion, which quotes them and marks directories.
        compopt -o filenames 2>/dev/null
        local kind=-f
        [[ $flags == *" dirs "* ]] && kind=-d
        while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen "$kind" -- "$2")
        return 0
    fi
    [[ $flags == *" nospace "* ]] && compopt -o nospace 2>/dev/null
    COMPREPLY=("${reply[@]}")
    return 0
}

complete -F _newsq_complete newsq
