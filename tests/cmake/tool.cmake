# The actfn command (tools/actfn/): each case runs the built tool through
# scripts/tool_case.sh and checks its exit status and output; errors must
# exit 2 with their message on stderr.  A few seconds in all.

if(NOT TARGET actfn_tool)
  message(STATUS "actfn: tool tests not added (ACTFN_BUILD_TOOL=OFF)")
  return()
endif()
# The cases run the tool through a host shell script, which cannot start a
# cross-built binary; the emulated suite leaves them out (the tool is only a
# client of the public API, whose calls that suite tests on the target).
if(CMAKE_CROSSCOMPILING)
  message(STATUS "actfn: tool tests not added when cross-compiling (host script, target binary)")
  return()
endif()

set(actfn_tool_case bash ${CMAKE_CURRENT_SOURCE_DIR}/scripts/tool_case.sh)
# tool_run(<test> <status> <out|err> <regex> <args...>)
function(tool_run name status stream regex)
  add_test(NAME ${name} COMMAND ${actfn_tool_case} run ${status} ${stream} "${regex}"
                                $<TARGET_FILE:actfn_tool> ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS tool TIMEOUT 120)
endfunction()

# ---- results ---------------------------------------------------------------------
tool_run(tool_eval_relu 0 out "^relu,f32,[a-z0-9]+,-1,0,0$" eval relu -1 2 --csv)
tool_run(tool_eval_relu_positive 0 out "^relu,f32,[a-z0-9]+,2,2,1$" eval relu -1 2 --csv)
tool_run(tool_eval_leaky_relu_param 0 out "^leaky_relu,f64,[a-z0-9]+,-3,-0.6[0-9]*,0.2[0-9]*$"
         eval leaky_relu -3 --param alpha=0.2 --dtype f64 --csv)
tool_run(tool_eval_bf16_rounds_x 0 out "^identity,bf16,[a-z0-9]+,1.0078125,1.0078125,1$"
         eval identity 1.01 --dtype bf16 --csv)
tool_run(tool_eval_f16_overflow 0 out "^absolute,f16,[a-z0-9]+,-inf,inf,-1$" eval absolute -1e6 --dtype f16 --csv)
# --isa <path> reports that path (skipped where this CPU does not run it).
foreach(isa IN LISTS ACTFN_ISAS)
  tool_run(tool_eval_isa_${isa} 0 out "^gelu,f32,${isa},1,0.84134" eval gelu 1 --isa ${isa} --csv)
  set_tests_properties(tool_eval_isa_${isa} PROPERTIES SKIP_REGULAR_EXPRESSION "is not supported here")
endforeach()
tool_run(tool_info 0 out "^active path +[a-z0-9]+: the best path" info)
tool_run(tool_info_paths_built 0 out "^paths built +${actfn_isas_text} " info)
tool_run(tool_info_forced 0 out "^active path +scalar: forced by ACTFN_ISA=scalar" info)
set_tests_properties(tool_info_forced PROPERTIES ENVIRONMENT "ACTFN_ISA=scalar")
tool_run(tool_info_env_ignored 0 out "ACTFN_ISA=bogus ignored \\(unknown path\\)" info)
set_tests_properties(tool_info_env_ignored PROPERTIES ENVIRONMENT "ACTFN_ISA=bogus")
tool_run(tool_list 0 out "^leaky_relu,1,0.00999999978,0,0,0$" list --csv)
tool_run(tool_bench 0 out "^relu,scalar,f32,256," bench relu --n 256 --reps 1 --csv)
tool_run(tool_check_f32 0 out "every result within its bound" check relu gelu sigmoid tanhshrink)
tool_run(tool_check_f16 0 out "every result within its bound" check gelu silu --dtype f16)
tool_run(tool_check_f64 0 out "^tanh,scalar,f64,vs scalar path,0," check tanh --dtype f64 --csv)

# ---- help ------------------------------------------------------------------------------
tool_run(tool_help 0 out "^usage: actfn <command>" --help)
foreach(cmd info list eval plot bench check)
  tool_run(tool_help_${cmd} 0 out "^usage: actfn ${cmd}" ${cmd} --help)
endforeach()

# ---- errors: exit 2, the message on stderr --------------------------------------------
tool_run(tool_error_no_command 2 err "^usage: actfn" )
tool_run(tool_error_unknown_command 2 err "^actfn: unknown command 'frobnicate'" frobnicate)
tool_run(tool_error_unknown_function 2 err "^actfn: unknown function 'relux'" eval relux 1)
tool_run(tool_error_bad_number 2 err "^actfn: bad number for X: '1.5x'" eval relu 1.5x)
tool_run(tool_error_bad_option 2 err "^actfn: eval: unknown option '--frob'" eval relu 1 --frob)
tool_run(tool_error_bad_dtype 2 err "^actfn: unknown dtype 'f8'" eval relu 1 --dtype f8)
tool_run(tool_error_bad_param 2 err "^actfn: --param: unknown parameter 'zeta'" eval elu 1 --param zeta=1)
tool_run(tool_error_invalid_param 2 err "^actfn: eval: softplus: invalid parameters" eval softplus 1 --param alpha=-1)
tool_run(tool_error_missing_value 2 err "^actfn: --dtype needs a value" eval relu 1 --dtype)
tool_run(tool_error_unknown_path 2 err "^actfn: unknown path 'sse9'" eval relu 1 --isa sse9)
foreach(isa IN LISTS actfn_unbuilt_isas)
  tool_run(tool_error_unsupported_path_${isa} 2 err "^actfn: path '${isa}' is not supported here"
           eval relu 1 --isa ${isa})
endforeach()
tool_run(tool_error_plot_range 2 err "^actfn: plot: --range A B needs finite A < B" plot relu --range 2 1)
tool_run(tool_error_bench_n 2 err "^actfn: bad value for --n: '0'" bench relu --n 0)
tool_run(tool_error_check_function 2 err "^actfn: unknown function 'gelux'" check gelux)

# ---- machine-readable output and the picture --------------------------------------------
foreach(cmd info list eval bench check)
  set(args)
  if(cmd STREQUAL "eval")
    set(args gelu -1 0 inf nan)
  elseif(cmd STREQUAL "bench")
    set(args relu --n 256 --reps 1)
  elseif(cmd STREQUAL "check")
    set(args relu)
  endif()
  add_test(NAME tool_json_${cmd} COMMAND ${actfn_tool_case} json $<TARGET_FILE:actfn_tool> ${cmd} ${args} --json)
  set_tests_properties(tool_json_${cmd} PROPERTIES SKIP_RETURN_CODE 77 LABELS tool TIMEOUT 120)
endforeach()
add_test(NAME tool_plot_svg COMMAND ${actfn_tool_case} svg $<TARGET_FILE:actfn_tool> plot gelu --derivative)
add_test(NAME tool_plot_svg_nonfinite COMMAND ${actfn_tool_case} svg $<TARGET_FILE:actfn_tool> plot softplus
                                              --range -100 100 --dtype f16)
set_tests_properties(tool_plot_svg tool_plot_svg_nonfinite PROPERTIES LABELS tool TIMEOUT 120)
